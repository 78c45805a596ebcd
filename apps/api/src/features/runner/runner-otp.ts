import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../common/db/tables.ts'
import { AppError, BadRequestError, TooManyRequestsError } from '../../common/errors/app-error.ts'
import { recordSessionEvent } from '../sessions/session-lifecycle.ts'
import type { OtpSender } from './otp-sender.ts'
import * as repo from './runner.repository.ts'
import type { RunnerSession } from './runner-access.ts'
import { OTP_COOLDOWN_MS, OTP_MAX_ATTEMPTS, otpView, type OtpView } from './runner-view.ts'
import type { RunnerState, StepContact } from '../sessions/session-state.ts'

/** How long a code works. */
export const OTP_TTL_MS = 10 * 60_000
/** Codes one step may be sent (resends included). */
export const OTP_MAX_SENDS = 5
/** The actor label of the end user on the timeline. */
export const END_USER = 'end user'

export interface OtpDeps {
  db: Kysely<DB>
  sender: OtpSender
  /** HMAC key for code hashes (a 6-digit code's plain SHA-256 is trivially reversed). */
  hashKey: Buffer
  now?: () => Date
}

function retryAfter(seconds: number, code: string, message: string): AppError {
  return new AppError(429, code, message, [{ code, message }], {
    retryAfterSeconds: Math.max(1, Math.ceil(seconds)),
  })
}

/** One-time codes for phone-number and email steps: send with a cool-down, verify with a limit. */
export class RunnerOtp {
  private readonly now: () => Date

  constructor(private readonly deps: OtpDeps) {
    this.now = deps.now ?? (() => new Date())
  }

  private hash(challengeId: string, code: string): string {
    return createHmac('sha256', this.deps.hashKey).update(`${challengeId}:${code}`).digest('hex')
  }

  /** Sends a new code to the step's contact (call inside the transaction locking the session). */
  async send(
    trx: Kysely<DB>,
    session: RunnerSession,
    stepId: string,
    contact: StepContact,
  ): Promise<OtpView> {
    const now = this.now()
    const latest = await repo.latestChallenge(trx, session.row.id, stepId)
    if (latest) {
      const wait = latest.last_sent_at.getTime() + OTP_COOLDOWN_MS - now.getTime()
      if (wait > 0)
        throw retryAfter(wait / 1000, 'OTP_COOLDOWN', 'wait a little before asking for a new code')
    }
    if ((await repo.countChallenges(trx, session.row.id, stepId)) >= OTP_MAX_SENDS)
      throw new TooManyRequestsError('too many codes were sent for this step', 'OTP_SEND_LIMIT')
    const id = randomUUID()
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    const expiresAt = new Date(now.getTime() + OTP_TTL_MS)
    await repo.insertChallenge(trx, {
      id,
      sessionId: session.row.id,
      stepId,
      channel: contact.channel,
      destination: contact.value,
      codeHash: this.hash(id, code),
      sentAt: now,
      expiresAt,
    })
    await this.deps.sender.send({
      sessionId: session.row.id,
      stepId,
      channel: contact.channel,
      destination: contact.value,
      code,
      expiresAt,
    })
    await recordSessionEvent(
      trx,
      session.row.id,
      'otp.sent',
      {
        stepId,
        channel: contact.channel,
        destination: contact.value,
        ...(this.deps.sender.revealsCode ? { code } : {}),
      },
      END_USER,
    )
    return otpView((await repo.latestChallenge(trx, session.row.id, stepId))!)
  }

  /**
   * Checks a code against the step's latest challenge. Each try spends an attempt before the
   * comparison, committed on its own, so a wrong code counts even though the request fails.
   * Returns the state with the contact marked verified.
   */
  async verify(session: RunnerSession, stepId: string, code: string): Promise<RunnerState> {
    const { db } = this.deps
    const sessionId = session.row.id
    const challenge = await repo.latestChallenge(db, sessionId, stepId)
    const contact = session.state.contacts?.[stepId]
    if (contact?.verifiedAt) return session.state
    // No code, a code for an earlier number or address, or one already used: ask for a new one.
    if (!challenge || challenge.destination !== contact?.value || challenge.verified_at)
      throw new BadRequestError('OTP_NOT_REQUESTED', 'ask for a code first', '/code')
    if (challenge.expires_at.getTime() <= this.now().getTime())
      throw new BadRequestError('OTP_EXPIRED', 'the code has expired; ask for a new one', '/code')
    const spent = await repo.spendAttempt(db, challenge.id, OTP_MAX_ATTEMPTS)
    if (!spent)
      throw new TooManyRequestsError('too many wrong codes; ask for a new one', 'OTP_LOCKED')
    const expected = Buffer.from(spent.code_hash, 'hex')
    const given = Buffer.from(this.hash(challenge.id, code.trim()), 'hex')
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      const attemptsLeft = OTP_MAX_ATTEMPTS - spent.attempts
      await recordSessionEvent(db, sessionId, 'otp.failed', { stepId, attemptsLeft }, END_USER)
      throw new AppError(
        400,
        'OTP_INVALID',
        'the code is not right',
        [{ code: 'OTP_INVALID', message: 'the code is not right', path: '/code' }],
        { attemptsLeft },
      )
    }
    return db.transaction().execute(async (trx) => {
      await repo.markChallengeVerified(trx, challenge.id)
      const fresh = await repo.findSession(trx, sessionId, { forUpdate: true })
      const state = (fresh?.runner_state ?? {}) as RunnerState
      const current = state.contacts?.[stepId]
      const next: RunnerState =
        current && current.value === challenge.destination
          ? {
              ...state,
              contacts: {
                ...state.contacts,
                [stepId]: { ...current, verifiedAt: this.now().toISOString() },
              },
            }
          : state
      await repo.saveRunnerState(trx, sessionId, next)
      await recordSessionEvent(
        trx,
        sessionId,
        'otp.verified',
        { stepId, channel: challenge.channel, destination: challenge.destination },
        END_USER,
      )
      return next
    })
  }
}
