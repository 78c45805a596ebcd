import { sql, type Kysely } from 'kysely'
import type { TargetName } from '@veriflow/schema'
import { json, type DB } from '../../common/db/tables.ts'

type Db = Kysely<DB>

/** A session as the launch creates it, before the provider is called. */
export interface NewSession {
  id: string
  flowId: string
  version: number | null
  draftDocument: Record<string, unknown> | null
  target: TargetName
  isTest: boolean
  externalUserId: string
  userDetails: Record<string, unknown>
  language: string | null
  returnUrl: string | null
  launchOrigin: string | null
  expiresAt: Date
  createdBy: string | null
  createdByLabel: string
}

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      flow_id: session.flowId,
      flow_version: session.version,
      draft_document: session.draftDocument === null ? null : json(session.draftDocument),
      target: session.target,
      is_test: session.isTest,
      status: 'created',
      external_user_id: session.externalUserId,
      user_details: json(session.userDetails),
      language: session.language,
      return_url: session.returnUrl,
      launch_origin: session.launchOrigin,
      expires_at: session.expiresAt,
      created_by: session.createdBy,
      created_by_label: session.createdByLabel,
    })
    .execute()
}

/**
 * Stores what the provider answered; the expiry only ever moves earlier. `firstPollInMs` (hosted
 * targets) schedules the result poller's first fetch, counted on the database clock the poller
 * reads; null leaves the session unpolled (the sandbox reports its own results).
 */
export async function recordLaunch(
  db: Db,
  id: string,
  launch: {
    providerRef: string | null
    launchUrl: string | null
    state: Record<string, unknown>
    expiresAt: Date
    firstPollInMs: number | null
  },
): Promise<Date> {
  const row = await db
    .updateTable('sessions')
    .set({
      provider_ref: launch.providerRef,
      launch_url: launch.launchUrl,
      provider_state: json(launch.state),
      expires_at: sql<Date>`least(expires_at, ${launch.expiresAt})`,
      ...(launch.firstPollInMs === null
        ? {}
        : {
            next_poll_at: sql<Date>`now() + ${Math.round(launch.firstPollInMs)}::integer * interval '1 millisecond'`,
          }),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returning('expires_at')
    .executeTakeFirstOrThrow()
  return row.expires_at
}
