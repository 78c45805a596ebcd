import type { Principal } from './principal.ts'

interface Entry {
  principal: Principal
  /** When the credential itself expires (sessions), or Infinity. */
  validUntil: number
  cachedAt: number
}

/** What an invalidation names: a user (all their sessions and keys), one key, one session, or all. */
export type AuthInvalidation =
  | { type: 'user'; id: string }
  | { type: 'key'; id: string }
  | { type: 'session'; id: string }
  | { type: 'all' }

/**
 * Resolved credentials kept in memory so that authentication costs no database round trip.
 * Revocation is not weakened: every change that revokes (logout, key revoke, role change,
 * deactivation) invalidates the entry here and, through NOTIFY, on every other instance; a
 * short time-to-live bounds the damage of a lost notification, and a dropped LISTEN
 * connection clears everything.
 */
export class AuthCache {
  private readonly entries = new Map<string, Entry>()
  private generation = 0

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(credential: string): Principal | undefined {
    const entry = this.entries.get(credential)
    if (!entry) return undefined
    const now = this.now()
    if (now - entry.cachedAt > this.ttlMs || now >= entry.validUntil) {
      this.entries.delete(credential)
      return undefined
    }
    return entry.principal
  }

  /**
   * Changes with every invalidation. Take it before reading a credential from the database and
   * pass it to `set`: a read that raced with a revocation is then not cached (it would otherwise
   * keep a revoked credential alive for the time-to-live).
   */
  get epoch(): number {
    return this.generation
  }

  set(credential: string, principal: Principal, validUntil = Infinity, epoch?: number): void {
    if (epoch !== undefined && epoch !== this.generation) return
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(credential, { principal, validUntil, cachedAt: this.now() })
  }

  invalidate(what: AuthInvalidation): void {
    this.generation++
    if (what.type === 'all') return this.entries.clear()
    for (const [credential, { principal }] of this.entries) {
      const matches =
        (what.type === 'user' && principal.userId === what.id) ||
        (what.type === 'key' && principal.apiKeyId === what.id) ||
        (what.type === 'session' && principal.sessionTokenHash === what.id)
      if (matches) this.entries.delete(credential)
    }
  }

  get size(): number {
    return this.entries.size
  }
}
