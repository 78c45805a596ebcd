import type { Kysely } from 'kysely'
import type { DB } from '../db/tables.ts'

/** Reads behind authentication: one query each, joining the user so no second trip is needed. */
export class CredentialsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  findSession(tokenHash: string) {
    return this.db
      .selectFrom('auth_sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.token_hash',
        's.csrf_token',
        's.expires_at',
        'u.id as user_id',
        'u.email',
        'u.role',
        'u.active',
      ])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst()
  }

  findApiKey(id: string) {
    return this.db
      .selectFrom('api_keys as k')
      .innerJoin('users as u', 'u.id', 'k.user_id')
      .select([
        'k.id',
        'k.secret_hash',
        'k.scopes',
        'k.revoked_at',
        'k.name',
        'u.id as user_id',
        'u.email',
        'u.role',
        'u.active',
      ])
      .where('k.id', '=', id)
      .executeTakeFirst()
  }

  async touchApiKey(id: string): Promise<void> {
    await this.db
      .updateTable('api_keys')
      .set({ last_used_at: new Date() })
      .where('id', '=', id)
      .execute()
  }

  async touchSession(tokenHash: string): Promise<void> {
    await this.db
      .updateTable('auth_sessions')
      .set({ last_seen_at: new Date() })
      .where('token_hash', '=', tokenHash)
      .execute()
  }
}
