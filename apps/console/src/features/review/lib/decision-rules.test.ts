import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import { sessionDetail } from '../test-support.ts'
import {
  decisionProblem,
  panelMode,
  reasonProblem,
  reasonRequired,
  submitLabel,
  type Reviewer,
} from './decision-rules.ts'

const reviewer: Reviewer = { userId: 'u1', canDecide: true, isAdmin: false }
const admin: Reviewer = { userId: 'u9', canDecide: true, isAdmin: true }
const reader: Reviewer = { userId: 'u5', canDecide: false, isAdmin: false }
const pending = (userId: string | null) => ({
  decision: 'rejected' as const,
  reason: 'Blurry',
  override: false,
  proposedBy: { userId, label: `${userId}@example.com` },
  proposedAt: '2026-03-05T10:05:00.000Z',
})

describe('panelMode', () => {
  it('offers a decision on a finished, undecided session to a reviewer who may decide', () => {
    expect(panelMode(sessionDetail(), reviewer)).toEqual({ kind: 'open' })
    expect(panelMode(sessionDetail({ status: 'expired' }), reviewer)).toEqual({ kind: 'open' })
  })

  it('has nothing to decide while the person is still verifying', () => {
    expect(panelMode(sessionDetail({ status: 'started' }), reviewer).kind).toBe('unfinished')
    expect(panelMode(sessionDetail({ status: 'created' }), reviewer).kind).toBe('unfinished')
  })

  it('is read-only for a role without sessions:decide, whatever the state', () => {
    expect(panelMode(sessionDetail(), reader).kind).toBe('read-only')
    expect(panelMode(sessionDetail({ pendingDecision: pending('u1') }), reader).kind).toBe(
      'read-only',
    )
  })

  it('lets only a different reviewer confirm a four-eyes proposal', () => {
    const session = sessionDetail({ pendingDecision: pending('u1') })
    expect(panelMode(session, reviewer)).toEqual({ kind: 'pending', own: true })
    expect(panelMode(session, { ...reviewer, userId: 'u2' })).toEqual({
      kind: 'pending',
      own: false,
    })
    // A proposal made with a token (no user) is nobody's in the console.
    expect(panelMode(sessionDetail({ pendingDecision: pending(null) }), reviewer)).toEqual({
      kind: 'pending',
      own: false,
    })
  })

  it('shows a decided session as decided; only an admin may override (as the API allows)', () => {
    const decided = sessionDetail({ decision: 'approved', decidedBy: 'x', decidedAt: 'y' })
    expect(panelMode(decided, reviewer)).toEqual({ kind: 'decided', canOverride: false })
    expect(panelMode(decided, admin)).toEqual({ kind: 'decided', canOverride: true })
    expect(panelMode(decided, { ...admin, canDecide: false })).toEqual({
      kind: 'decided',
      canOverride: false,
    })
  })
})

describe('reasons', () => {
  it('are required to reject and to request a resubmission, not to approve', () => {
    expect(reasonRequired('approved')).toBe(false)
    expect(reasonProblem('approved', '')).toBeUndefined()
    expect(reasonProblem('rejected', '   ')).toBe('Give a reason to reject.')
    expect(reasonProblem('resubmission_requested', '')).toBe(
      'Give a reason to request a resubmission.',
    )
    expect(reasonProblem('rejected', 'Document expired')).toBeUndefined()
    expect(reasonProblem('rejected', 'x'.repeat(2001))).toMatch(/under 2000/)
  })
})

describe('submitLabel', () => {
  it('says when the decision is only a proposal', () => {
    expect(submitLabel('rejected', false)).toBe('Reject session')
    expect(submitLabel('resubmission_requested', false)).toBe('Request resubmission')
    expect(submitLabel('approved', true)).toBe('Propose: approve')
  })
})

describe('decisionProblem', () => {
  const apiError = (status: number, code: string, path?: string) =>
    new ApiError(status, code, 'the api says no', [{ code, message: 'the api says no', path }])

  it('puts a reason issue on the reason field', () => {
    expect(decisionProblem(apiError(400, 'REASON_REQUIRED', '/reason'))).toEqual({
      field: 'reason',
      message: 'The api says no.',
      stale: false,
    })
  })

  it('explains the four-eyes refusal and asks for a reload when the session moved on', () => {
    expect(decisionProblem(apiError(403, 'FOUR_EYES_SAME_REVIEWER')).message).toMatch(
      /different reviewer/,
    )
    expect(decisionProblem(apiError(409, 'ALREADY_DECIDED')).stale).toBe(true)
    expect(decisionProblem(apiError(409, 'NO_PENDING_DECISION')).stale).toBe(true)
    expect(decisionProblem(apiError(500, 'INTERNAL')).message).toMatch(/on the server/)
    expect(decisionProblem(new Error('boom')).message).toMatch(/Something went wrong/)
  })
})
