import { sql, type Kysely } from 'kysely'
import type { SessionStatus } from '../../common/db/session-tables.ts'
import type { DB } from '../../common/db/tables.ts'

/** Statuses in which a session may still get a provider result. */
export const AWAITING_RESULT: readonly SessionStatus[] = [
  'created',
  'started',
  'submitted',
  'processing',
]

/** A session as the poller needs it. */
export interface PollSession {
  id: string
  target: 'identomat' | 'iab' | 'trustmatic' | 'sandbox'
  provider_ref: string | null
  external_user_id: string
  provider_state: Record<string, unknown>
  expires_at: Date
  attempts: number
}

/**
 * Makes a session's result fetch due now with a fresh backoff (a provider said "done", the user
 * came back, a callback arrived). Only hosted sessions still awaiting a result. Returns whether
 * the session was scheduled.
 */
export async function schedulePollNow(db: Kysely<DB>, sessionId: string): Promise<boolean> {
  const updated = await db
    .updateTable('sessions')
    .set({ next_poll_at: sql`now()` })
    .where('id', '=', sessionId)
    .where('status', 'in', AWAITING_RESULT)
    .where('target', '!=', 'sandbox')
    .returning('id')
    .executeTakeFirst()
  if (!updated) return false
  await db
    .insertInto('session_polls')
    .values({ session_id: sessionId, attempts: 0 })
    .onConflict((oc) => oc.column('session_id').doUpdateSet({ attempts: 0 }))
    .execute()
  return true
}

/**
 * Claims up to `limit` sessions whose poll is due (or only `onlyId`), skipping rows another
 * worker holds, and pushes their next poll past `leaseMs` so no other worker takes them while
 * this one asks the provider.
 */
export async function claimDuePolls(
  db: Kysely<DB>,
  limit: number,
  leaseMs: number,
  onlyId?: string,
): Promise<PollSession[]> {
  const { rows } = await sql<PollSession>`
    with due as (
      select id from sessions
      where next_poll_at is not null and next_poll_at <= now()
        and status in (${sql.join(AWAITING_RESULT)}) and target <> 'sandbox'
        ${onlyId === undefined ? sql`` : sql`and id = ${onlyId}`}
      order by next_poll_at
      limit ${limit}
      for update skip locked
    )
    update sessions s
    set next_poll_at = now() + ${leaseMs}::integer * interval '1 millisecond'
    from due
    where s.id = due.id
    returning s.id, s.target, s.provider_ref, s.external_user_id, s.provider_state, s.expires_at,
      coalesce((select p.attempts from session_polls p where p.session_id = s.id), 0) as attempts
  `.execute(db)
  return rows.map((row) => ({ ...row, expires_at: new Date(row.expires_at) }))
}

/** Records a poll that found no final result, and when to ask next. */
export async function reschedulePoll(
  db: Kysely<DB>,
  sessionId: string,
  attempts: number,
  delayMs: number,
  error: string | null,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ next_poll_at: sql`now() + ${Math.round(delayMs)}::integer * interval '1 millisecond'` })
    .where('id', '=', sessionId)
    .where('status', 'in', AWAITING_RESULT)
    .execute()
  await db
    .insertInto('session_polls')
    .values({ session_id: sessionId, attempts, last_polled_at: sql`now()`, last_error: error })
    .onConflict((oc) =>
      oc
        .column('session_id')
        .doUpdateSet({ attempts, last_polled_at: sql`now()`, last_error: error }),
    )
    .execute()
}

/** Stops polling a session (its result is final, or it is given up). */
export async function stopPolling(db: Kysely<DB>, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ next_poll_at: null }).where('id', '=', sessionId).execute()
}

/** The longest provider reference kept (as long as a callback's submissionId may be). */
const MAX_PROVIDER_REF = 200

/**
 * Keeps the provider's own id for a session that has none yet (a OneKYC submissionId read from a
 * result), so that later callbacks naming that id find the session. Never replaces a reference,
 * and never takes one that another session of the same target holds (provider_ref is unique per
 * target). Returns whether it was stored.
 */
export async function rememberProviderRef(
  db: Kysely<DB>,
  sessionId: string,
  providerRef: string,
): Promise<boolean> {
  if (providerRef === '' || providerRef.length > MAX_PROVIDER_REF) return false
  const { rows } = await sql<{ id: string }>`
    update sessions s set provider_ref = ${providerRef}, updated_at = now()
    where s.id = ${sessionId} and s.provider_ref is null
      and not exists (
        select 1 from sessions other
        where other.target = s.target and other.provider_ref = ${providerRef}
      )
    returning s.id
  `.execute(db)
  return rows.length > 0
}
