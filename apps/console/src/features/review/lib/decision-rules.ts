import { ApiError } from '../../../app/http.ts'
import { sentence } from '../../../app/lib/field-issues.ts'
import { describeError } from '../../../app/toast.store.ts'
import type { Decision, SessionDetail } from '../review.api.ts'
import { DECISION_VERBS } from './labels.ts'

/** Statuses in which the person being verified is still at work (the API refuses decisions). */
const UNFINISHED = new Set(['created', 'started'])

/** What the decision panel offers for this session and this reviewer. */
export type PanelMode =
  /** The reviewer's role cannot decide: the state is shown, nothing else. */
  | { kind: 'read-only' }
  /** Nothing to decide yet: the person is still verifying. */
  | { kind: 'unfinished' }
  /** Approve, reject or request resubmission. */
  | { kind: 'open' }
  /** A four-eyes proposal waits; `own` when this reviewer proposed it (they may not confirm). */
  | { kind: 'pending'; own: boolean }
  /** Decided; admins may override (the API allows it to admins only). */
  | { kind: 'decided'; canOverride: boolean }

export interface Reviewer {
  /** The signed-in user's id (null for a token). */
  userId: string | null
  canDecide: boolean
  isAdmin: boolean
}

type DecisionSubject = Pick<SessionDetail, 'status' | 'decision' | 'pendingDecision'>

export function panelMode(session: DecisionSubject, reviewer: Reviewer): PanelMode {
  if (session.pendingDecision) {
    if (!reviewer.canDecide) return { kind: 'read-only' }
    const proposer = session.pendingDecision.proposedBy.userId
    return { kind: 'pending', own: proposer !== null && proposer === reviewer.userId }
  }
  if (session.decision)
    return { kind: 'decided', canOverride: reviewer.canDecide && reviewer.isAdmin }
  if (!reviewer.canDecide) return { kind: 'read-only' }
  if (UNFINISHED.has(session.status)) return { kind: 'unfinished' }
  return { kind: 'open' }
}

/** Rejecting and requesting a resubmission need a reason; approving does not. */
export const reasonRequired = (decision: Decision): boolean => decision !== 'approved'

/** The longest reason the API accepts. */
export const MAX_REASON_LENGTH = 2000

/** The problem with the reason typed for `decision`, or undefined when it may be sent. */
export function reasonProblem(decision: Decision, reason: string): string | undefined {
  if (reasonRequired(decision) && reason.trim() === '')
    return decision === 'rejected'
      ? 'Give a reason to reject.'
      : 'Give a reason to request a resubmission.'
  if (reason.length > MAX_REASON_LENGTH)
    return `Keep the reason under ${MAX_REASON_LENGTH} characters.`
  return undefined
}

/** The submit button: "Reject session", or "Propose: reject" when a second reviewer confirms. */
export function submitLabel(decision: Decision, fourEyes: boolean): string {
  const verb = DECISION_VERBS[decision]
  if (fourEyes) return `Propose: ${verb.toLowerCase()}`
  return decision === 'resubmission_requested' ? verb : `${verb} session`
}

/** A failed decision, for the panel: on the reason field, or above the buttons. */
export interface DecisionProblem {
  field?: 'reason'
  message: string
  /** The session changed under the reviewer (decided or confirmed elsewhere): reload it. */
  stale: boolean
}

const KNOWN: Record<string, string> = {
  FOUR_EYES_SAME_REVIEWER: 'A different reviewer must confirm this decision; you proposed it.',
  ALREADY_DECIDED: 'Someone has decided this session in the meantime. The page now shows it.',
  NO_PENDING_DECISION:
    'There is no decision waiting any more: it was confirmed or replaced. The page now shows it.',
  SESSION_NOT_FINISHED: 'The person being verified has not finished this session yet.',
  OVERRIDE_ADMIN_ONLY: 'Only an admin may change a decision.',
}
const STALE = new Set(['ALREADY_DECIDED', 'NO_PENDING_DECISION'])

/** What to tell the reviewer when the API refuses a decision or a confirmation. */
export function decisionProblem(error: unknown): DecisionProblem {
  if (!(error instanceof ApiError)) return { message: describeError(error), stale: false }
  const onReason = error.issues.find((issue) => issue.path === '/reason')
  if (onReason) return { field: 'reason', message: sentence(onReason.message), stale: false }
  return { message: KNOWN[error.code] ?? describeError(error), stale: STALE.has(error.code) }
}
