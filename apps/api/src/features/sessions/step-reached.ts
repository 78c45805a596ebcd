import { sql, type Kysely } from 'kysely'
import { json, type DB } from '../../common/db/tables.ts'

/** The timeline event of a step the person being verified reached (the funnel counts these). */
export const STEP_REACHED = 'step.reached'

/**
 * Appends `step.reached { stepId }` to a session's timeline the first time the session reaches
 * the step; later calls change nothing (a unique partial index on these events, migration 008,
 * turns the repeat into a no-op, so it holds across transactions and API instances). Returns
 * whether this call recorded it.
 */
export async function recordStepReached(
  db: Kysely<DB>,
  sessionId: string,
  stepId: string,
  actorLabel: string,
): Promise<boolean> {
  const result = await sql`
    insert into session_events (session_id, type, actor_label, data)
    values (${sessionId}, ${STEP_REACHED}, ${actorLabel}, ${json({ stepId })}::jsonb)
    on conflict (session_id, (data ->> 'stepId')) where type = 'step.reached' do nothing
  `.execute(db)
  return Number(result.numAffectedRows ?? 0) > 0
}
