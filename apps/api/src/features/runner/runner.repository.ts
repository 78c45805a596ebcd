import { sql, type Kysely, type Selectable } from 'kysely'
import type { Answers } from '@veriflow/schema'
import type { OtpChallengesTable, SessionsTable } from '../../common/db/session-tables.ts'
import { json, type DB } from '../../common/db/tables.ts'
import { MEDIA_COLUMNS, type MediaRow } from '../sessions/session-media.ts'
import type { RunnerState } from '../sessions/session-state.ts'
import type { MediaKind } from './runner-steps.ts'

type Db = Kysely<DB>

export type SessionRow = Selectable<SessionsTable>
export type OtpChallengeRow = Selectable<OtpChallengesTable>

export function findSession(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SessionRow | undefined> {
  const query = db.selectFrom('sessions').selectAll().where('id', '=', id)
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst()
}

/** Claims the launch link for one browser: only while nobody has. Returns whether it did. */
export async function claimSession(db: Db, id: string, claimHash: string): Promise<boolean> {
  const row = await db
    .updateTable('sessions')
    .set({
      runner_claim_hash: claimHash,
      status: sql`case when status = 'created' then 'started' else status end`,
      started_at: sql`coalesce(started_at, now())`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('runner_claim_hash', 'is', null)
    .where('status', 'in', ['created', 'started'])
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export async function saveRunnerState(db: Db, id: string, state: RunnerState): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ runner_state: json(state), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute()
}

export async function saveAnswers(
  db: Db,
  id: string,
  answers: Record<string, Answers>,
  state: RunnerState,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ answers: json(answers), runner_state: json(state), updated_at: sql`now()` })
    .where('id', '=', id)
    .execute()
}

export async function countMedia(
  db: Db,
  sessionId: string,
  stepId: string,
  kind: MediaKind,
): Promise<number> {
  const row = await db
    .selectFrom('session_media')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('session_id', '=', sessionId)
    .where('step_id', '=', stepId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function deleteMedia(
  db: Db,
  sessionId: string,
  stepId: string,
  kind: MediaKind,
): Promise<void> {
  await db
    .deleteFrom('session_media')
    .where('session_id', '=', sessionId)
    .where('step_id', '=', stepId)
    .where('kind', '=', kind)
    .execute()
}

export function insertMedia(
  db: Db,
  media: {
    sessionId: string
    stepId: string
    kind: MediaKind
    contentType: string
    size: number
    sha256: string
    sealed: Buffer
  },
): Promise<MediaRow> {
  return db
    .insertInto('session_media')
    .values({
      session_id: media.sessionId,
      step_id: media.stepId,
      kind: media.kind,
      content_type: media.contentType,
      size: media.size,
      sha256: media.sha256,
      data_sealed: media.sealed,
    })
    .returning(MEDIA_COLUMNS)
    .executeTakeFirstOrThrow()
}

/** The latest OTP challenge of each step of a session. */
export function latestChallenges(db: Db, sessionId: string): Promise<OtpChallengeRow[]> {
  return db
    .selectFrom('otp_challenges')
    .selectAll()
    .distinctOn('step_id')
    .where('session_id', '=', sessionId)
    .orderBy('step_id')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
}

export function latestChallenge(
  db: Db,
  sessionId: string,
  stepId: string,
): Promise<OtpChallengeRow | undefined> {
  return db
    .selectFrom('otp_challenges')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('step_id', '=', stepId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function countChallenges(db: Db, sessionId: string, stepId: string): Promise<number> {
  const row = await db
    .selectFrom('otp_challenges')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('session_id', '=', sessionId)
    .where('step_id', '=', stepId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function insertChallenge(
  db: Db,
  challenge: {
    id: string
    sessionId: string
    stepId: string
    channel: 'sms' | 'email'
    destination: string
    codeHash: string
    sentAt: Date
    expiresAt: Date
  },
): Promise<void> {
  await db
    .insertInto('otp_challenges')
    .values({
      id: challenge.id,
      session_id: challenge.sessionId,
      step_id: challenge.stepId,
      channel: challenge.channel,
      destination: challenge.destination,
      code_hash: challenge.codeHash,
      last_sent_at: challenge.sentAt,
      created_at: challenge.sentAt,
      expires_at: challenge.expiresAt,
    })
    .execute()
}

/**
 * Spends one verification attempt, atomically and outside any transaction (a wrong code must
 * still count). Undefined when no attempt is left.
 */
export function spendAttempt(
  db: Db,
  challengeId: string,
  maxAttempts: number,
): Promise<{ attempts: number; code_hash: string } | undefined> {
  return db
    .updateTable('otp_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', challengeId)
    .where('attempts', '<', maxAttempts)
    .where('verified_at', 'is', null)
    .returning(['attempts', 'code_hash'])
    .executeTakeFirst()
}

export async function markChallengeVerified(db: Db, challengeId: string): Promise<void> {
  await db
    .updateTable('otp_challenges')
    .set({ verified_at: sql`now()` })
    .where('id', '=', challengeId)
    .execute()
}
