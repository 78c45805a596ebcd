import { ApiError } from '../../../app/http.ts'
import type { MessageKey } from '../i18n/index.ts'

/** Pages that end the runner (the session is over, or this browser may not continue it). */
export type EndPage =
  | 'completed'
  | 'phone-done'
  | 'redirecting'
  | 'expired'
  | 'already-completed'
  | 'claimed'
  | 'not-found'
  | 'handoff-used'
  | 'closed'

/** The end page an API error leads to, or null for errors a retry may fix. */
export function endPageOf(error: unknown): EndPage | null {
  if (!(error instanceof ApiError)) return null
  switch (error.code) {
    case 'SESSION_EXPIRED':
      return 'expired'
    case 'SESSION_ALREADY_COMPLETED':
      return 'already-completed'
    case 'SESSION_ALREADY_CLAIMED':
    case 'RUNNER_CLAIM_INVALID':
    case 'SESSION_NOT_CLAIMED':
    case 'RUNNER_CLAIM_REQUIRED':
      return 'claimed'
    case 'RUNNER_LINK_NOT_FOUND':
      return 'not-found'
    case 'HANDOFF_ALREADY_CLAIMED':
    case 'HANDOFF_EXPIRED':
      return 'handoff-used'
    case 'SESSION_CLOSED':
      return 'closed'
    default:
      return error.status === 404 ? 'not-found' : null
  }
}

/** The stable code an end page reports (shown for support; sent to the integrator on errors). */
export const END_CODES: Partial<Record<EndPage, string>> = {
  expired: 'SESSION_EXPIRED',
  'already-completed': 'SESSION_ALREADY_COMPLETED',
  claimed: 'SESSION_ALREADY_CLAIMED',
  'not-found': 'RUNNER_LINK_NOT_FOUND',
  'handoff-used': 'HANDOFF_ALREADY_CLAIMED',
  closed: 'SESSION_CLOSED',
}

/** Title and body of each end page. */
export const END_TEXTS: Record<
  EndPage,
  { title: MessageKey; body: MessageKey; tone: 'success' | 'error' | 'info' }
> = {
  completed: { title: 'completedTitle', body: 'completedBody', tone: 'success' },
  'phone-done': { title: 'phoneDoneTitle', body: 'phoneDoneBody', tone: 'success' },
  redirecting: { title: 'completedTitle', body: 'redirecting', tone: 'success' },
  expired: { title: 'expiredTitle', body: 'expiredBody', tone: 'error' },
  'already-completed': {
    title: 'alreadyCompletedTitle',
    body: 'alreadyCompletedBody',
    tone: 'info',
  },
  claimed: { title: 'claimedTitle', body: 'claimedBody', tone: 'error' },
  'not-found': { title: 'notFoundTitle', body: 'notFoundBody', tone: 'error' },
  'handoff-used': { title: 'handoffUsedTitle', body: 'handoffUsedBody', tone: 'error' },
  closed: { title: 'closedTitle', body: 'closedBody', tone: 'error' },
}
