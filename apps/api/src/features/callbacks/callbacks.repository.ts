import type { Kysely } from 'kysely'
import { json, type DB } from '../../common/db/tables.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface CallbackSession {
  id: string
  target: string
  status: string
}

/** The session a callback names: by Veriflow id, else by the provider's reference. */
export async function findCallbackSession(
  db: Kysely<DB>,
  provider: string,
  ref: { sessionId?: string; providerRef?: string },
): Promise<CallbackSession | undefined> {
  const query = db
    .selectFrom('sessions')
    .select(['id', 'target', 'status'])
    .where('target', '=', provider as never)
  if (ref.sessionId !== undefined && UUID.test(ref.sessionId))
    return query.where('id', '=', ref.sessionId.toLowerCase()).executeTakeFirst()
  if (ref.providerRef !== undefined && ref.providerRef !== '')
    return query.where('provider_ref', '=', ref.providerRef).executeTakeFirst()
  return undefined
}

/**
 * Records a callback as processed; false when the same event was recorded before (then nothing
 * else must change). Concurrent duplicates wait on the primary key, so exactly one wins. An
 * event recorded without a session (it arrived before Veriflow knew the provider's id for it)
 * is taken once more when a redelivery now finds its session.
 */
export async function recordCallback(
  db: Kysely<DB>,
  entry: {
    provider: string
    eventId: string
    sessionId: string | null
    outcome: Record<string, unknown>
  },
): Promise<boolean> {
  const row = await db
    .insertInto('provider_callbacks')
    .values({
      provider: entry.provider,
      event_id: entry.eventId,
      session_id: entry.sessionId,
      outcome: json(entry.outcome),
    })
    .onConflict((oc) =>
      oc
        .columns(['provider', 'event_id'])
        .doUpdateSet((eb) => ({
          session_id: eb.ref('excluded.session_id'),
          outcome: eb.ref('excluded.outcome'),
        }))
        .where('provider_callbacks.session_id', 'is', null)
        .where('excluded.session_id', 'is not', null),
    )
    .returning('event_id')
    .executeTakeFirst()
  return row !== undefined
}

export interface ReturnSession {
  id: string
  target: string
  status: string
  error_code: string | null
  return_url: string | null
  launch_origin: string | null
}

export function findReturnSession(db: Kysely<DB>, id: string): Promise<ReturnSession | undefined> {
  return db
    .selectFrom('sessions')
    .select(['id', 'target', 'status', 'error_code', 'return_url', 'launch_origin'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** True when the session's timeline already has an event of `type`. */
export async function hasEvent(db: Kysely<DB>, sessionId: string, type: string): Promise<boolean> {
  const row = await db
    .selectFrom('session_events')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('type', '=', type)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
