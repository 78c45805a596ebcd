import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { AuthEvents } from '../../common/auth/auth-events.ts'
import { ALL_PERMISSIONS, type Permission } from '../../common/auth/permissions.ts'
import type { Actor, Principal } from '../../common/auth/principal.ts'
import { formatApiKey, randomToken, sha256 } from '../../common/auth/tokens.ts'
import type { DB } from '../../common/db/tables.ts'
import { BadRequestError, ForbiddenError, NotFoundError } from '../../common/errors/app-error.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import * as repo from './api-keys.repository.ts'
import type { ApiKey, CreateApiKeyBody, CreatedApiKey } from './api-keys.schemas.ts'

/** Characters of the key kept for display: `vfk_` and the first 8 hex digits of its id. */
const PREFIX_LENGTH = 12

export interface ApiKeysServiceDeps {
  db: Kysely<DB>
  authEvents: Pick<AuthEvents, 'invalidate'>
}

function toApiKey(row: repo.ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Permission[],
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }
}

/** The signed-in user's own API keys. */
export class ApiKeysService {
  constructor(private readonly deps: ApiKeysServiceDeps) {}

  /** The caller's keys (the ADMIN_TOKEN is no user and owns none). */
  async list(principal: Principal): Promise<ApiKey[]> {
    if (principal.userId === null) return []
    return (await repo.listKeysOf(this.deps.db, principal.userId)).map(toApiKey)
  }

  /**
   * Makes a key whose scopes are within what the caller may do (a key never creates a key
   * stronger than itself). Only the hash of the secret is stored; the key is returned once.
   */
  async create(principal: Principal, input: CreateApiKeyBody, actor: Actor) {
    if (principal.userId === null)
      throw new ForbiddenError(
        'the ADMIN_TOKEN is not a user and cannot own API keys; sign in as a user',
        'USER_REQUIRED',
      )
    const scopes = input.scopes ?? ALL_PERMISSIONS.filter((p) => principal.permissions.has(p))
    const refused = scopes.findIndex((scope) => !principal.permissions.has(scope))
    if (refused >= 0)
      throw new BadRequestError(
        'SCOPE_NOT_ALLOWED',
        `your role (${principal.role}) does not allow ${scopes[refused]}`,
        `/scopes/${refused}`,
      )
    const id = randomUUID()
    const secret = randomToken()
    const key = formatApiKey(id, secret)
    const row = await this.deps.db.transaction().execute(async (trx) => {
      const inserted = await repo.insertKey(trx, {
        id,
        userId: principal.userId!,
        name: input.name,
        prefix: key.slice(0, PREFIX_LENGTH),
        secretHash: sha256(secret),
        scopes: ALL_PERMISSIONS.filter((p) => scopes.includes(p)),
      })
      await recordAudit(trx, actor, {
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: id,
        summary: { name: input.name, prefix: inserted.prefix, scopes: inserted.scopes },
      })
      return inserted
    })
    return { ...toApiKey(row), key } satisfies CreatedApiKey
  }

  /** Revokes one of the caller's keys; it stops working on every instance at once. */
  async revoke(principal: Principal, id: string, actor: Actor): Promise<ApiKey> {
    const userId = principal.userId
    if (userId === null) throw new NotFoundError('API key')
    const { row, revoked } = await this.deps.db.transaction().execute(async (trx) => {
      const current = await repo.findKeyOfForUpdate(trx, id, userId)
      if (!current) throw new NotFoundError('API key')
      if (current.revoked_at) return { row: current, revoked: false }
      const updated = await repo.revokeKey(trx, id)
      await recordAudit(trx, actor, {
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: id,
        summary: { name: current.name, prefix: current.prefix },
      })
      return { row: updated, revoked: true }
    })
    if (revoked) await this.deps.authEvents.invalidate({ type: 'key', id })
    return toApiKey(row)
  }
}
