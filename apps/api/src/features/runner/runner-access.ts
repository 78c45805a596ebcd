import type { Kysely } from 'kysely'
import { safeEqual, sha256 } from '../../common/auth/tokens.ts'
import type { DB } from '../../common/db/tables.ts'
import {
  AppError,
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  UnauthorizedError,
} from '../../common/errors/app-error.ts'
import type { RunnerTokenPurpose, RunnerTokens } from '../../providers/sandbox/runner-token.ts'
import { findSession, type SessionRow } from './runner.repository.ts'
import type { RunnerState } from '../sessions/session-state.ts'

/** The header carrying the claim secret a browser got when it claimed the session. */
export const CLAIM_HEADER = 'x-runner-claim'

/** A session reached through a runner link, and which link it was. */
export interface RunnerSession {
  row: SessionRow
  state: RunnerState
  /** launch: the link of the launch; continue: the QR hand-off's continuation link. */
  device: RunnerTokenPurpose
}

export const linkNotFound = () => new NotFoundError('session link', 'RUNNER_LINK_NOT_FOUND')
export const sessionExpired = () =>
  new GoneError('SESSION_EXPIRED', 'this verification session has expired')
export const alreadyCompleted = () =>
  new ConflictError('SESSION_ALREADY_COMPLETED', 'this verification session is already complete')

/** Whether the user can still work on the session (claimed or not). */
export function isExpired(row: SessionRow, now: Date): boolean {
  if (row.status === 'expired') return true
  return ['created', 'started'].includes(row.status) && row.expires_at.getTime() <= now.getTime()
}

/** Refuses work on a session that is finished, expired or failed. */
export function assertOpen(row: SessionRow, now: Date): void {
  if (isExpired(row, now)) throw sessionExpired()
  if (['submitted', 'processing', 'completed'].includes(row.status)) throw alreadyCompleted()
  if (row.status !== 'created' && row.status !== 'started')
    throw new ConflictError('SESSION_CLOSED', `this verification session is ${row.status}`)
}

/**
 * Resolves a runner link: an authentic token (launch or continuation) whose hash the session
 * holds, on a sandbox session. Anything else is a 404 that says nothing about why.
 */
export async function resolveLink(
  db: Kysely<DB>,
  tokens: RunnerTokens,
  token: string,
  options: { forUpdate?: boolean; purposes?: readonly RunnerTokenPurpose[] } = {},
): Promise<RunnerSession> {
  const purposes = options.purposes ?? ['launch', 'continue']
  for (const purpose of purposes) {
    const claims = tokens.verify(purpose, token)
    if (!claims) continue
    const row = await findSession(db, claims.sessionId, { forUpdate: options.forUpdate })
    if (!row || row.target !== 'sandbox') break
    const state = row.runner_state as RunnerState
    const expected = purpose === 'launch' ? row.runner_token_hash : state.handoff?.tokenHash
    if (!expected || !safeEqual(expected, sha256(token))) break
    return { row, state, device: purpose }
  }
  throw linkNotFound()
}

/** The claim hash a link's device must present. */
function expectedClaim(session: RunnerSession): string | undefined {
  return session.device === 'launch'
    ? (session.row.runner_claim_hash ?? undefined)
    : session.state.handoff?.claimHash
}

/** Checks the `X-Runner-Claim` secret against the link's claimed browser. */
export function assertClaim(session: RunnerSession, claim: string | undefined): void {
  const expected = expectedClaim(session)
  if (!expected)
    throw new AppError(409, 'SESSION_NOT_CLAIMED', 'open the link first (claim the session)')
  if (!claim) throw new UnauthorizedError('send the X-Runner-Claim header', 'RUNNER_CLAIM_REQUIRED')
  if (!safeEqual(expected, sha256(claim)))
    throw new ForbiddenError('this session is open in another browser', 'RUNNER_CLAIM_INVALID')
}
