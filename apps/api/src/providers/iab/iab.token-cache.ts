import { createHash } from 'node:crypto'
import type { ProviderConfig } from '../provider.types.ts'

export interface PartnerToken {
  token: string
  expiresAt: Date
}

interface CachedToken extends PartnerToken {
  /** When to fetch a new one: shortly before the token expires. */
  refreshAt: number
}

/** The longest margin before expiry at which a token is refreshed. */
const REFRESH_MARGIN_MS = 60_000

/**
 * OneKYC partner tokens, cached until shortly before `expires_at` and shared by concurrent
 * callers: while a token is being fetched, every caller waits for that one fetch. Entries are
 * keyed by the token endpoint and credentials, so changed settings never reuse an old token.
 */
export class PartnerTokenCache {
  private readonly tokens = new Map<string, CachedToken>()
  private readonly pending = new Map<string, Promise<CachedToken>>()

  constructor(
    private readonly fetchToken: (config: ProviderConfig) => Promise<PartnerToken>,
    private readonly now: () => number = Date.now,
  ) {}

  async get(config: ProviderConfig): Promise<string> {
    const key = cacheKey(config)
    const cached = this.tokens.get(key)
    if (cached && this.now() < cached.refreshAt) return cached.token
    return (await this.fetchOnce(key, config)).token
  }

  /**
   * Fetches a new token now (or joins the fetch already under way) and caches it for every
   * caller: the token "test connection" proves is the one launches and result fetches use next.
   */
  async renew(config: ProviderConfig): Promise<PartnerToken> {
    const { token, expiresAt } = await this.fetchOnce(cacheKey(config), config)
    return { token, expiresAt }
  }

  /** Forgets `token` (after a 401), unless a newer token has replaced it already. */
  invalidate(config: ProviderConfig, token: string): void {
    const key = cacheKey(config)
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key)
  }

  /** One token fetch per key at a time: concurrent callers share the one in flight. */
  private fetchOnce(key: string, config: ProviderConfig): Promise<CachedToken> {
    let pending = this.pending.get(key)
    if (!pending) {
      pending = this.refresh(key, config).finally(() => this.pending.delete(key))
      this.pending.set(key, pending)
    }
    return pending
  }

  private async refresh(key: string, config: ProviderConfig): Promise<CachedToken> {
    const fetched = await this.fetchToken(config)
    const now = this.now()
    const lifetime = fetched.expiresAt.getTime() - now
    const margin = Math.min(REFRESH_MARGIN_MS, Math.max(0, lifetime) / 10)
    const entry = { ...fetched, refreshAt: fetched.expiresAt.getTime() - margin }
    if (this.tokens.size > 20) this.tokens.clear()
    this.tokens.set(key, entry)
    return entry
  }
}

function cacheKey(config: ProviderConfig): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        config.options.tokenUrl,
        config.options.tokenMethod,
        config.credentials.client_id,
        config.credentials.pass_key,
      ]),
    )
    .digest('hex')
}
