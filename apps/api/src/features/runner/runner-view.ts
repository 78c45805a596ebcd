import type { ErrorEntry } from '../../common/errors/app-error.ts'
import { resolveSettings, type Answers, type Flow, type Step } from '@veriflow/schema'
import type { MediaRow } from '../sessions/session-media.ts'
import type { OtpChallengeRow, SessionRow } from './runner.repository.ts'
import type { RunnerSession } from './runner-access.ts'
import type { RunnerState, StepContact } from '../sessions/session-state.ts'
import { runnableSteps, stepProblems, type MediaKind } from './runner-steps.ts'
import { withQuery } from '../launches/launch-urls.ts'

/** Seconds between two OTP sends for one step. */
export const OTP_COOLDOWN_MS = 30_000
/** Wrong codes accepted before a challenge locks. */
export const OTP_MAX_ATTEMPTS = 5

/** What the page does when the session is complete: redirect, or postMessage to an origin. */
export interface Completion {
  status: 'COMPLETED'
  sessionId: string
  /** The integrator's return URL with status=COMPLETED and session_id; null when embedded. */
  redirectUrl: string | null
  /** The launching origin for postMessage (never `*`); null when unknown. */
  postMessageOrigin: string | null
}

export interface OtpView {
  channel: 'sms' | 'email'
  destination: string
  sentAt: string
  resendAvailableAt: string
  expiresAt: string
  attemptsLeft: number
  verified: boolean
}

export interface StepProgress {
  answers?: Answers
  contact?: { value: string; verified: boolean }
  media: Array<{ id: string; kind: string; contentType: string; size: number }>
  otp?: OtpView
  /** What is still missing before the session can be completed (paths under /steps). */
  missing: ErrorEntry[]
}

export function completionOf(row: SessionRow): Completion {
  return {
    status: 'COMPLETED',
    sessionId: row.id,
    redirectUrl: row.return_url
      ? withQuery(row.return_url, { status: 'COMPLETED', session_id: row.id })
      : null,
    postMessageOrigin: row.launch_origin,
  }
}

export function otpView(challenge: OtpChallengeRow): OtpView {
  return {
    channel: challenge.channel,
    destination: challenge.destination,
    sentAt: challenge.last_sent_at.toISOString(),
    resendAvailableAt: new Date(challenge.last_sent_at.getTime() + OTP_COOLDOWN_MS).toISOString(),
    expiresAt: challenge.expires_at.toISOString(),
    attemptsLeft: Math.max(0, OTP_MAX_ATTEMPTS - challenge.attempts),
    verified: challenge.verified_at !== null,
  }
}

/** The flow as the end user may see it: no operator questionnaires, no target settings. */
export function publicFlow(flow: Flow) {
  const { returnUrl: _returnUrl, ...settings } = resolveSettings(flow.settings)
  return {
    name: flow.name,
    languages: flow.languages,
    settings,
    steps: runnableSteps(flow),
  }
}

function contactView(contact: StepContact | undefined) {
  return contact ? { value: contact.value, verified: Boolean(contact.verifiedAt) } : undefined
}

/** Per step: what was saved, captured and verified, and what is still missing. */
export function progressOf(
  steps: readonly Step[],
  answers: Record<string, Answers>,
  state: RunnerState,
  media: readonly MediaRow[],
  challenges: readonly OtpChallengeRow[],
): Record<string, StepProgress> {
  const progress: Record<string, StepProgress> = {}
  for (const step of steps) {
    const stepMedia = media.filter((m) => m.step_id === step.id)
    const challenge = challenges.find((c) => c.step_id === step.id)
    const contact = state.contacts?.[step.id]
    progress[step.id] = {
      ...(answers[step.id] ? { answers: answers[step.id] } : {}),
      ...(contact ? { contact: contactView(contact) } : {}),
      media: stepMedia.map((m) => ({
        id: m.id,
        kind: m.kind,
        contentType: m.content_type,
        size: m.size,
      })),
      ...(challenge ? { otp: otpView(challenge) } : {}),
      missing: stepProblems(step, {
        answers: answers[step.id],
        contact,
        mediaKinds: stepMedia.map((m) => m.kind as MediaKind),
      }),
    }
  }
  return progress
}

/** The runner page's view of its session: enough to render any step and resume after a reload. */
export function runnerView(
  session: RunnerSession,
  flow: Flow,
  media: readonly MediaRow[],
  challenges: readonly OtpChallengeRow[],
) {
  const { row, state } = session
  const steps = runnableSteps(flow)
  const answers = row.answers as Record<string, Answers>
  const current =
    state.currentStepId && steps.some((s) => s.id === state.currentStepId)
      ? state.currentStepId
      : (steps[0]?.id ?? null)
  const handoff = state.handoff
  return {
    sessionId: row.id,
    status: row.status,
    isTest: row.is_test,
    expiresAt: row.expires_at.toISOString(),
    language: row.language ?? flow.languages[0] ?? 'en',
    device: session.device,
    flow: publicFlow(flow),
    progress: {
      currentStepId: current,
      steps: progressOf(steps, answers, state, media, challenges),
    },
    handoff: handoff
      ? {
          status: handoff.claimedAt ? ('claimed' as const) : ('pending' as const),
          expiresAt: handoff.expiresAt,
        }
      : { status: 'none' as const },
    completion: row.status === 'completed' ? completionOf(row) : null,
  }
}
export type RunnerView = ReturnType<typeof runnerView>
