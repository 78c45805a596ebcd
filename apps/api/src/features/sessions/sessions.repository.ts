import { sql, type Kysely, type Selectable } from 'kysely'
import type { SessionsTable } from '../../common/db/session-tables.ts'
import type { DB } from '../../common/db/tables.ts'
import type { SessionFilter } from './sessions.schemas.ts'

type Db = Kysely<DB>

export type SessionRow = Selectable<SessionsTable>

/** created_at to the microsecond, as text: a JS Date keeps milliseconds, the keyset needs all. */
const CURSOR_AT = sql<string>`to_char(sessions.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

const LIST_COLUMNS = [
  'sessions.id',
  'sessions.created_at',
  'sessions.external_user_id',
  'sessions.flow_id',
  'sessions.flow_version',
  'sessions.target',
  'sessions.is_test',
  'sessions.status',
  'sessions.outcome',
  'sessions.decision',
  'sessions.decision_reason',
  'sessions.decided_by_label',
  'sessions.decided_at',
  'sessions.completed_at',
  'sessions.expires_at',
  'flows.name as flow_name',
] as const

export interface SessionListRow {
  id: string
  created_at: Date
  external_user_id: string
  flow_id: string
  flow_version: number | null
  target: SessionRow['target']
  is_test: boolean
  status: SessionRow['status']
  outcome: SessionRow['outcome']
  decision: SessionRow['decision']
  decision_reason: string | null
  decided_by_label: string | null
  decided_at: Date | null
  completed_at: Date | null
  expires_at: Date
  flow_name: string
  decision_pending: boolean
  cursor_at: string
}

/** The last row of a page: the keyset position after which the next page starts. */
export interface SessionCursor {
  at: string
  id: string
}

/** Who proposed a session's pending four-eyes decision (a user id, as text). */
const PROPOSED_BY = sql<string>`(sessions.pending_decision -> 'proposedBy' ->> 'userId')`

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Sessions newest first, keyset-paginated on (created_at, id): a page starts strictly after the
 * previous page's last row, so sessions created meanwhile (newer, at the top) never shift it.
 */
export function listSessions(
  db: Db,
  filter: SessionFilter,
  after: SessionCursor | undefined,
  limit: number,
): Promise<SessionListRow[]> {
  let query = db
    .selectFrom('sessions')
    .innerJoin('flows', 'flows.id', 'sessions.flow_id')
    .select([
      ...LIST_COLUMNS,
      sql<boolean>`sessions.pending_decision is not null`.as('decision_pending'),
      CURSOR_AT.as('cursor_at'),
    ])
  if (filter.status) query = query.where('sessions.status', '=', filter.status)
  if (filter.outcome) query = query.where('sessions.outcome', '=', filter.outcome)
  if (filter.decision === 'none')
    query = query
      .where('sessions.decision', 'is', null)
      .where('sessions.pending_decision', 'is', null)
  else if (filter.decision === 'pending')
    query = query.where('sessions.pending_decision', 'is not', null)
  else if (filter.decision) query = query.where('sessions.decision', '=', filter.decision)
  if (filter.flowId) query = query.where('sessions.flow_id', '=', filter.flowId)
  if (filter.version !== undefined)
    query = query.where('sessions.flow_version', '=', filter.version)
  if (filter.target) query = query.where('sessions.target', '=', filter.target)
  if (filter.test !== undefined) query = query.where('sessions.is_test', '=', filter.test)
  if (filter.from)
    query = query.where(sql<boolean>`sessions.created_at >= ${filter.from}::timestamptz`)
  if (filter.to) query = query.where(sql<boolean>`sessions.created_at < ${filter.to}::timestamptz`)
  if (filter.q) {
    const q = filter.q.trim()
    query = UUID.test(q)
      ? query.where((eb) =>
          eb.or([eb('sessions.external_user_id', '=', q), eb('sessions.id', '=', q.toLowerCase())]),
        )
      : query.where('sessions.external_user_id', '=', q)
  }
  if (filter.decidedBy) {
    const userId = filter.decidedBy.toLowerCase()
    // The same expression as the index sessions_proposed_by_idx (migration 008).
    query = query.where((eb) =>
      eb.or([
        eb('sessions.decided_by', '=', userId),
        eb.and([eb('sessions.pending_decision', 'is not', null), eb(PROPOSED_BY, '=', userId)]),
      ]),
    )
  }
  if (after)
    query = query.where(
      sql<boolean>`(sessions.created_at, sessions.id) < (${after.at}::timestamptz, ${after.id}::uuid)`,
    )
  return query
    .orderBy('sessions.created_at', 'desc')
    .orderBy('sessions.id', 'desc')
    .limit(limit)
    .execute() as Promise<SessionListRow[]>
}

export function findSessionRow(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SessionRow | undefined> {
  const query = db.selectFrom('sessions').selectAll().where('id', '=', id)
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst()
}

export async function flowNameOf(db: Db, flowId: string): Promise<string> {
  const row = await db
    .selectFrom('flows')
    .select('name')
    .where('id', '=', flowId)
    .executeTakeFirst()
  return row?.name ?? ''
}

/** A session's timeline, oldest first (bounded: a runaway session cannot flood the screen). */
export function listEvents(db: Db, sessionId: string, limit = 2000) {
  return db
    .selectFrom('session_events')
    .select(['id', 'at', 'type', 'actor_label', 'data'])
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .limit(limit)
    .execute()
}

export function findMediaBlob(db: Db, sessionId: string, mediaId: string) {
  return db
    .selectFrom('session_media')
    .select(['id', 'kind', 'content_type', 'data_sealed'])
    .where('session_id', '=', sessionId)
    .where('id', '=', mediaId)
    .executeTakeFirst()
}

/**
 * The users who decided, or proposed a pending decision on, any session. Two semi-joins, each
 * one probe of a reviewer index (migration 008) per user, never a scan of the sessions (an OR of
 * the two would be planned as one).
 */
export async function listReviewers(
  db: Db,
): Promise<Array<{ id: string; email: string; name: string }>> {
  const { rows } = await sql<{ id: string; email: string; name: string }>`
    select reviewers.* from (
      select users.id, users.email, users.name from users
      where exists (select 1 from sessions where sessions.decided_by = users.id)
      union
      select users.id, users.email, users.name from users
      where exists (
        select 1 from sessions
        where sessions.pending_decision is not null and ${PROPOSED_BY} = users.id::text
      )
    ) as reviewers
    order by lower(reviewers.email), reviewers.id
  `.execute(db)
  return rows
}
