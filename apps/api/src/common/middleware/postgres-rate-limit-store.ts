import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit'
import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/tables.ts'

/**
 * express-rate-limit store in the `rate_limits` table, shared by every instance that uses the
 * same PostgreSQL (used when no Redis is configured). One upsert per counted request.
 */
export class PostgresRateLimitStore implements Store {
  private windowMs = 60_000
  readonly localKeys = false

  constructor(
    private readonly db: Kysely<DB>,
    readonly prefix = 'rl:',
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const window = `${this.windowMs} milliseconds`
    const { rows } = await sql<{ hits: number; reset_at: Date }>`
      insert into rate_limits (key, hits, reset_at) values (${this.prefix + key}, 1, now() + ${window}::interval)
      on conflict (key) do update set
        hits = case when rate_limits.reset_at <= now() then 1 else rate_limits.hits + 1 end,
        reset_at = case when rate_limits.reset_at <= now() then now() + ${window}::interval else rate_limits.reset_at end
      returning hits, reset_at`.execute(this.db)
    const row = rows[0]!
    return { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) }
  }

  async decrement(key: string): Promise<void> {
    await this.db
      .updateTable('rate_limits')
      .set({ hits: sql`greatest(hits - 1, 0)` })
      .where('key', '=', this.prefix + key)
      .execute()
  }

  async resetKey(key: string): Promise<void> {
    await this.db
      .deleteFrom('rate_limits')
      .where('key', '=', this.prefix + key)
      .execute()
  }

  /** Deletes expired counters (called periodically). */
  async prune(): Promise<void> {
    await this.db.deleteFrom('rate_limits').where('reset_at', '<', new Date()).execute()
  }
}
