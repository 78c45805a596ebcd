import type { Logger } from 'pino'
import type { Database } from '../db/database.ts'
import type { AuthCache, AuthInvalidation } from './auth-cache.ts'

const CHANNEL = 'veriflow_auth'

/** Announces revocations to this instance's cache and, by NOTIFY, to every other instance. */
export class AuthEvents {
  constructor(
    private readonly database: Database,
    private readonly cache: AuthCache,
    private readonly logger: Logger,
  ) {}

  /** Starts listening for other instances' revocations. */
  async start(): Promise<() => Promise<void>> {
    return this.database.listen(
      CHANNEL,
      (payload) => {
        try {
          this.cache.invalidate(JSON.parse(payload) as AuthInvalidation)
        } catch {
          this.cache.invalidate({ type: 'all' })
        }
      },
      () => {
        this.logger.warn('auth notifications reconnected; clearing the auth cache')
        this.cache.invalidate({ type: 'all' })
      },
    )
  }

  async invalidate(what: AuthInvalidation): Promise<void> {
    this.cache.invalidate(what)
    await this.database.notify(CHANNEL, JSON.stringify(what))
  }
}
