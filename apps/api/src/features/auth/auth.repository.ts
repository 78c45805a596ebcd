import { sql, type Kysely } from 'kysely'
import type { DB } from '../../common/db/tables.ts'

export async function insertSession(
  db: Kysely<DB>,
  session: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('auth_sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute()
}

/** Deletes one session; returns whether it existed. */
export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<boolean> {
  const row = await db
    .deleteFrom('auth_sessions')
    .where('token_hash', '=', tokenHash)
    .returning('token_hash')
    .executeTakeFirst()
  return row !== undefined
}

export async function deleteExpiredSessionsOf(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .deleteFrom('auth_sessions')
    .where('user_id', '=', userId)
    .where('expires_at', '<=', new Date())
    .execute()
}

/** When the key is locked until, if it is locked now. */
export async function lockedUntil(db: Kysely<DB>, key: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('key', '=', key)
    .where('locked_until', '>', new Date())
    .executeTakeFirst()
  return row?.locked_until ?? undefined
}

/**
 * Counts one failed login in a window of `windowMinutes` (one atomic upsert, so concurrent
 * failures all count); the failure that reaches `maxFailures` locks the key for the window.
 */
export async function recordLoginFailure(
  db: Kysely<DB>,
  key: string,
  maxFailures: number,
  windowMinutes: number,
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const window = `${windowMinutes} minutes`
  const expired = sql`f.first_failed_at <= now() - ${window}::interval`
  const count = sql`case when ${expired} then 1 else f.failures + 1 end`
  const { rows } = await sql<{ failures: number; locked_until: Date | null }>`
    insert into login_failures as f (key, failures, first_failed_at, locked_until)
    values (${key}, 1, now(), case when 1 >= ${maxFailures} then now() + ${window}::interval end)
    on conflict (key) do update set
      failures = ${count},
      first_failed_at = case when ${expired} then now() else f.first_failed_at end,
      locked_until = case
        when ${count} >= ${maxFailures} then now() + ${window}::interval
        when ${expired} then null
        else f.locked_until end
    returning failures, locked_until`.execute(db)
  const row = rows[0]!
  return { failures: Number(row.failures), lockedUntil: row.locked_until }
}

export async function clearLoginFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute()
}

/** Forgets failures that no longer count and locks that have ended. */
export async function pruneLoginFailures(db: Kysely<DB>, windowMinutes: number): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where(sql<boolean>`first_failed_at <= now() - ${`${windowMinutes} minutes`}::interval`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', new Date())]))
    .execute()
}

/** Serialises first-admin creation (set-up link, ADMIN_EMAIL) across instances. */
export async function lockFirstAdminCreation(db: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('veriflow:first-admin'))`.execute(db)
}

export async function insertSetupToken(
  db: Kysely<DB>,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({ token_hash: tokenHash, purpose: 'setup', user_id: null, expires_at: expiresAt })
    .execute()
}

/** Marks an unused, unexpired set-up token used; returns whether there was one. */
export async function consumeSetupToken(db: Kysely<DB>, tokenHash: string): Promise<boolean> {
  const row = await db
    .updateTable('one_time_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', 'setup')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('token_hash')
    .executeTakeFirst()
  return row !== undefined
}

/** Set-up tokens are useless once there is an admin, and expired ones always are. */
export async function deleteSetupTokens(db: Kysely<DB>, which: 'all' | 'expired'): Promise<void> {
  let query = db.deleteFrom('one_time_tokens').where('purpose', '=', 'setup')
  if (which === 'expired') query = query.where('expires_at', '<=', new Date())
  await query.execute()
}
