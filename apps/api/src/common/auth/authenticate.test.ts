import type { Request, Response } from 'express'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { AuthCache } from './auth-cache.ts'
import { Authenticator } from './authenticate.ts'
import type { CredentialsRepository } from './credentials.repository.ts'
import { formatApiKey, randomToken, sha256 } from './tokens.ts'

const KEY_ID = '0f71d894-dcea-4af8-97a0-e05f416df4fe'
const SECRET = randomToken()
const KEY = formatApiKey(KEY_ID, SECRET)

/** Credentials as the database holds them, counting the reads authentication makes. */
function credentials() {
  const row = {
    id: KEY_ID,
    secret_hash: sha256(SECRET),
    scopes: ['flows:read', 'flows:write'],
    revoked_at: null as Date | null,
    name: 'ci',
    user_id: 'u1',
    email: 'dev@example.test',
    role: 'designer',
    active: true,
  }
  const reads = { apiKey: 0 }
  const repository = {
    findApiKey: async () => {
      reads.apiKey++
      return { ...row }
    },
    findSession: async () => undefined,
    touchApiKey: async () => undefined,
    touchSession: async () => undefined,
  } as unknown as CredentialsRepository
  return { row, reads, repository }
}

async function authenticate(authenticator: Authenticator, token: string) {
  const req = { headers: { authorization: `Bearer ${token}` }, method: 'GET' } as Request
  await authenticator.middleware(req, {} as Response, () => undefined)
  return req.principal
}

describe('Authenticator with the auth cache', () => {
  it('reads an API key from the database once, then serves it from the cache', async () => {
    const { reads, repository } = credentials()
    const cache = new AuthCache()
    const authenticator = new Authenticator({
      credentials: repository,
      cache,
      adminToken: undefined,
      logger: pino({ level: 'silent' }),
    })
    for (let i = 0; i < 5; i++)
      expect(await authenticate(authenticator, KEY)).toMatchObject({
        kind: 'api_key',
        apiKeyId: KEY_ID,
      })
    expect(reads.apiKey).toBe(1)
    // The cache is keyed by the whole key: a wrong secret for a cached key id is looked up, and refused.
    await expect(
      authenticate(authenticator, formatApiKey(KEY_ID, randomToken())),
    ).rejects.toMatchObject({ status: 401 })
    expect(reads.apiKey).toBe(2)
  })

  it('reads the key again once it is revoked (invalidation), and refuses it', async () => {
    const { row, reads, repository } = credentials()
    const cache = new AuthCache()
    const authenticator = new Authenticator({
      credentials: repository,
      cache,
      adminToken: undefined,
      logger: pino({ level: 'silent' }),
    })
    await authenticate(authenticator, KEY)
    row.revoked_at = new Date()
    cache.invalidate({ type: 'key', id: KEY_ID })
    await expect(authenticate(authenticator, KEY)).rejects.toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
    })
    expect(reads.apiKey).toBe(2)
  })
})
