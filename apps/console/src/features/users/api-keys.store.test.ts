import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ApiKey } from './api-keys.api.ts'
import * as apiKeysApi from './api-keys.api.ts'
import { useApiKeysStore } from './api-keys.store.ts'

vi.mock('./api-keys.api.ts', () => ({
  listApiKeys: vi.fn(),
  createApiKey: vi.fn(),
  revokeApiKey: vi.fn(),
}))
const api = vi.mocked(apiKeysApi)

const KEY: ApiKey = {
  id: 'k1',
  name: 'CI',
  prefix: 'vfk_0a1b2c3d',
  scopes: ['flows:read'],
  createdAt: '2026-11-20T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
})

describe('API keys store', () => {
  it('returns the new key once and lists it without its secret, newest first', async () => {
    api.listApiKeys.mockResolvedValue([KEY])
    api.createApiKey.mockResolvedValue({ ...KEY, id: 'k2', name: 'CLI', key: 'vfk_secret_value' })
    const store = useApiKeysStore()
    await store.load()
    const created = await store.create({ name: 'CLI', scopes: ['flows:read'] })
    expect(created.key).toBe('vfk_secret_value')
    expect(store.items.map((k) => k.id)).toEqual(['k2', 'k1'])
    expect(JSON.stringify(store.$state)).not.toContain('vfk_secret_value')
  })

  it('keeps a revoked key in the list, marked revoked', async () => {
    api.listApiKeys.mockResolvedValue([KEY])
    api.revokeApiKey.mockResolvedValue({ ...KEY, revokedAt: '2026-11-21T10:00:00.000Z' })
    const store = useApiKeysStore()
    await store.load()
    await store.revoke('k1')
    expect(store.items[0]!.revokedAt).toBe('2026-11-21T10:00:00.000Z')
  })

  it('reports a failed load', async () => {
    api.listApiKeys.mockRejectedValue(new Error('offline'))
    const store = useApiKeysStore()
    await store.load()
    expect(store.status).toBe('error')
    expect(store.error).toBeInstanceOf(Error)
  })
})
