import { sql, type Kysely, type Selectable } from 'kysely'
import { json, type DB } from '../../common/db/tables.ts'
import type { SessionsTable, SessionStatus } from '../../common/db/session-tables.ts'
import type { ProviderResult } from '../../providers/provider.types.ts'
import { enqueueWebhookEvent } from '../webhooks/webhook-outbox.ts'

/**
 * The session state changes shared by the launch, runner, review, callback and job code. Every
 * function takes a Kysely instance that may be a transaction; pass the transaction of the change
 * so the session row, its timeline event and its outbox event commit together.
 */

/** Statuses a session leaves when it expires (the user has not finished yet). */
export const EXPIRABLE_STATUSES: readonly SessionStatus[] = ['created', 'started', 'submitted']

type SessionRow = Selectable<SessionsTable>

/** What `applyProviderResult` did. */
export interface AppliedResult {
  /** False when nothing changed (the session was already completed, or already processing). */
  changed: boolean
  status: SessionStatus
}

/** Appends one entry to a session's timeline. `actorLabel` defaults to "system". */
export async function recordSessionEvent(
  db: Kysely<DB>,
  sessionId: string,
  type: string,
  data: Record<string, unknown> = {},
  actorLabel = 'system',
): Promise<void> {
  await db
    .insertInto('session_events')
    .values({ session_id: sessionId, type, data: json(data), actor_label: actorLabel })
    .execute()
}

/** The `data` of a session's webhook events (no user details, no raw provider payload). */
export function sessionWebhookData(row: SessionRow): Record<string, unknown> {
  return {
    sessionId: row.id,
    flowId: row.flow_id,
    version: row.flow_version,
    target: row.target,
    isTest: row.is_test,
    externalUserId: row.external_user_id,
    status: row.status,
    outcome: row.outcome,
    decision: row.decision,
    decisionReason: row.decision_reason,
    result: row.result,
    completedAt: row.completed_at?.toISOString() ?? null,
    decidedAt: row.decided_at?.toISOString() ?? null,
  }
}

async function lockSession(db: Kysely<DB>, sessionId: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .forUpdate()
    .executeTakeFirst()
}

/**
 * Moves a session to `completed` with `outcome`, enqueueing `session.completed` exactly once.
 * Returns the updated row, or undefined when the session was already completed (or is unknown).
 * Used by provider results and by the sandbox runner's own completion.
 */
export async function completeSession(
  db: Kysely<DB>,
  sessionId: string,
  completion: {
    outcome: 'passed' | 'failed' | 'review_needed' | null
    result: Record<string, unknown> | null
    raw?: unknown
    source: string
  },
): Promise<SessionRow | undefined> {
  const updated = await db
    .updateTable('sessions')
    .set({
      status: 'completed',
      outcome: completion.outcome,
      result: completion.result === null ? null : json(completion.result),
      ...(completion.raw !== undefined ? { raw_result: json(completion.raw) } : {}),
      completed_at: sql`now()`,
      next_poll_at: null,
      error_code: null,
      error_message: null,
      updated_at: sql`now()`,
    })
    .where('id', '=', sessionId)
    .where('status', '!=', 'completed')
    .returningAll()
    .executeTakeFirst()
  if (!updated) return undefined
  await recordSessionEvent(db, sessionId, 'session.completed', {
    outcome: completion.outcome,
    source: completion.source,
  })
  await enqueueWebhookEvent(db, 'session.completed', sessionWebhookData(updated))
  return updated
}

/**
 * Applies a provider's result to a session. Idempotent: a final result completes the session
 * (status completed, outcome, result = summary, raw_result = raw, an event, one
 * `session.completed` in the outbox) unless it is already completed; a non-final one moves it to
 * `processing` (once). A final result also lands on an expired or errored session: the provider
 * finished, so its answer wins. `source` says where it came from ("callback", "poll", …).
 */
export async function applyProviderResult(
  db: Kysely<DB>,
  sessionId: string,
  result: ProviderResult,
  source: string,
): Promise<AppliedResult> {
  const row = await lockSession(db, sessionId)
  if (!row) return { changed: false, status: 'error' }
  if (row.status === 'completed') return { changed: false, status: row.status }
  if (result.final) {
    await completeSession(db, sessionId, {
      outcome: result.outcome,
      result: result.summary,
      raw: result.raw,
      source,
    })
    return { changed: true, status: 'completed' }
  }
  if (row.status === 'processing') return { changed: false, status: row.status }
  await db
    .updateTable('sessions')
    .set({
      status: 'processing',
      raw_result: json(result.raw ?? null),
      submitted_at: row.submitted_at ?? sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', sessionId)
    .execute()
  await recordSessionEvent(db, sessionId, 'session.processing', { source })
  return { changed: true, status: 'processing' }
}

/**
 * Marks a session as failed for a technical reason (provider error, launch failure). A
 * completed session keeps its result; an already errored one keeps its first reason.
 * Returns whether the session changed.
 */
export async function markSessionError(
  db: Kysely<DB>,
  sessionId: string,
  code: string,
  message: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('sessions')
    .set({
      status: 'error',
      error_code: code,
      error_message: message,
      next_poll_at: null,
      updated_at: sql`now()`,
    })
    .where('id', '=', sessionId)
    .where('status', 'not in', ['completed', 'error'])
    .returning('id')
    .executeTakeFirst()
  if (!updated) return false
  await recordSessionEvent(db, sessionId, 'session.error', { code, message })
  return true
}

/**
 * Expires up to `limit` sessions still waiting for their user (created, started, submitted)
 * whose `expires_at` is at or before `now`. Rows locked by another worker are skipped, so
 * several workers can run at once. Each expired session gets an event. Returns the count.
 */
export async function expireSessions(db: Kysely<DB>, now: Date, limit: number): Promise<number> {
  const expired = await db
    .with('due', (qb) =>
      qb
        .selectFrom('sessions')
        .select('id')
        .where('status', 'in', EXPIRABLE_STATUSES)
        .where('expires_at', '<=', now)
        .orderBy('expires_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('sessions')
    .set({ status: 'expired', next_poll_at: null, updated_at: sql`now()` })
    .from('due')
    .whereRef('sessions.id', '=', 'due.id')
    .returning('sessions.id')
    .execute()
  if (expired.length > 0)
    await db
      .insertInto('session_events')
      .values(
        expired.map(({ id }) => ({
          session_id: id,
          type: 'session.expired',
          data: json({ at: now.toISOString() }),
        })),
      )
      .execute()
  return expired.length
}
