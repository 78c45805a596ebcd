import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../../common/db/tables.ts'
import { STEP_REACHED } from '../sessions/step-reached.ts'

type Db = Kysely<DB>

/** Which sessions a funnel counts: one published version, never test sessions. */
export interface FunnelFilter {
  flowId: string
  version: number
  from?: string
  to?: string
  target?: string
}

export interface FunnelTotals {
  launched: number
  started: number
  completed: number
  decided: number
}

export interface FunnelStepRow {
  step_id: string
  reached: number
  median_seconds: number | null
}

/** The filter's sessions, as a SQL condition on `sessions`. */
function sessionsOf(filter: FunnelFilter): RawBuilder<boolean> {
  const conditions = [
    sql`sessions.flow_id = ${filter.flowId}`,
    sql`sessions.flow_version = ${filter.version}`,
    sql`not sessions.is_test`,
  ]
  if (filter.from) conditions.push(sql`sessions.created_at >= ${filter.from}::timestamptz`)
  if (filter.to) conditions.push(sql`sessions.created_at < ${filter.to}::timestamptz`)
  if (filter.target) conditions.push(sql`sessions.target = ${filter.target}`)
  return sql<boolean>`${sql.join(conditions, sql` and `)}`
}

export async function funnelTotals(db: Db, filter: FunnelFilter): Promise<FunnelTotals> {
  const { rows } = await sql<Record<keyof FunnelTotals, string>>`
    select count(*) as launched,
      count(sessions.started_at) as started,
      count(sessions.completed_at) as completed,
      count(sessions.decision) as decided
    from sessions
    where ${sessionsOf(filter)}
  `.execute(db)
  const row = rows[0]
  return {
    launched: Number(row?.launched ?? 0),
    started: Number(row?.started ?? 0),
    completed: Number(row?.completed ?? 0),
    decided: Number(row?.decided ?? 0),
  }
}

/**
 * Per step (in the order given): how many sessions reached it, and the median seconds from
 * reaching it to reaching the next step, or, for the last step, to submitting (completing when
 * a session was never submitted). Only sessions that did both count towards the median, and a
 * session that reached the next step first (it went back) does not.
 *
 * One pass: each session's events become one row with a column per step (the time it reached
 * it), and one aggregate reads every step's count and median off those rows.
 */
export async function funnelSteps(
  db: Db,
  filter: FunnelFilter,
  stepIds: readonly string[],
): Promise<FunnelStepRow[]> {
  if (stepIds.length === 0) return []
  const column = (prefix: string, index: number) => sql.raw(`${prefix}${index}`)
  const reachedAt = stepIds.map(
    (stepId, i) =>
      sql`min(e.at) filter (where e.data ->> 'stepId' = ${stepId}) as ${column('r', i)}`,
  )
  const perStep = stepIds.map((_, i) => {
    const here = column('r', i)
    const next = i + 1 < stepIds.length ? column('r', i + 1) : sql.raw('finished_at')
    return sql`count(${here}) as ${column('reached', i)},
      percentile_cont(0.5) within group (order by extract(epoch from ${next} - ${here}))
        filter (where ${next} >= ${here}) as ${column('median', i)}`
  })
  const { rows } = await sql<Record<string, string | number | null>>`
    with per_session as (
      select funnel_sessions.finished_at, ${sql.join(reachedAt)}
      from (
        select sessions.id, coalesce(sessions.submitted_at, sessions.completed_at) as finished_at
        from sessions
        where ${sessionsOf(filter)}
      ) as funnel_sessions
      join session_events e on e.session_id = funnel_sessions.id and e.type = ${STEP_REACHED}
      group by funnel_sessions.id, funnel_sessions.finished_at
    )
    select ${sql.join(perStep)} from per_session
  `.execute(db)
  const row = rows[0] ?? {}
  return stepIds.map((stepId, i) => {
    const median = row[`median${i}`]
    return {
      step_id: stepId,
      reached: Number(row[`reached${i}`] ?? 0),
      median_seconds: median === null || median === undefined ? null : Number(median),
    }
  })
}
