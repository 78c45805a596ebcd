import { describe, expect, it } from 'vitest'
import { AuthCache } from './auth-cache.ts'
import type { Principal } from './principal.ts'

const principal: Principal = {
  kind: 'api_key',
  userId: 'u1',
  label: 'a@example.test (key "k")',
  role: 'designer',
  permissions: new Set(['flows:read']),
  apiKeyId: 'k1',
  viaCookie: false,
}

describe('AuthCache', () => {
  it('drops entries of the invalidated user, key or session', () => {
    const cache = new AuthCache()
    cache.set('key:a', principal)
    cache.invalidate({ type: 'user', id: 'u2' })
    expect(cache.get('key:a')).toBe(principal)
    cache.invalidate({ type: 'key', id: 'k1' })
    expect(cache.get('key:a')).toBeUndefined()
  })

  it('does not keep a lookup that raced with a revocation', () => {
    const cache = new AuthCache()
    const epoch = cache.epoch // a request starts reading the key from the database…
    cache.invalidate({ type: 'user', id: 'u1' }) // …the user is deactivated meanwhile…
    cache.set('key:a', principal, Infinity, epoch) // …and the stale answer arrives.
    expect(cache.get('key:a')).toBeUndefined()
    cache.set('key:a', principal, Infinity, cache.epoch)
    expect(cache.get('key:a')).toBe(principal)
  })
})
