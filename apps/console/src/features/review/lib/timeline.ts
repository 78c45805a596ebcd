import type { StepDetail, TimelineEvent } from '../review.api.ts'
import { DECISION_VERBS, decisionLabel, humanise, mediaKindLabel, outcomeLabel } from './labels.ts'
import type { Decision, SessionOutcome } from '../review.api.ts'

/** One timeline entry as a reviewer reads it. */
export interface TimelineEntry {
  id: string
  at: string
  /** What happened, in words. */
  text: string
  /** Who did it: the reviewer's name, "End user", "System". */
  actor: string
  /** A second line: the reason of a decision, an error message, a sandbox code. */
  detail?: string
  tone: 'neutral' | 'success' | 'warning' | 'danger'
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

type Describe = (
  data: Record<string, unknown>,
  step: (id: unknown) => string,
) => {
  text: string
  detail?: string
  tone?: TimelineEntry['tone']
}

const DESCRIBE: Record<string, Describe> = {
  'session.created': () => ({ text: 'Session created' }),
  'session.launched': () => ({ text: 'Session launched' }),
  'session.started': () => ({ text: 'Opened the verification link' }),
  'step.reached': (d, step) => ({ text: `Reached “${step(d.stepId)}”` }),
  'media.uploaded': (d, step) => ({
    text: `Uploaded ${mediaKindLabel(String(d.kind ?? 'a capture')).toLowerCase()} in “${step(d.stepId)}”`,
  }),
  'answers.saved': (d, step) => ({ text: `Answered “${step(d.stepId)}”` }),
  'otp.sent': (d) => ({
    text: `Sent a one-time code to ${str(d.destination) ?? 'the contact'}`,
    ...(str(d.code) ? { detail: `Sandbox code: ${String(d.code)}` } : {}),
  }),
  'otp.verified': (d) => ({ text: `Verified ${str(d.destination) ?? 'the contact'}` }),
  'otp.failed': (d) => ({
    text: 'Entered a wrong one-time code',
    ...(typeof d.attemptsLeft === 'number' ? { detail: `${d.attemptsLeft} tries left` } : {}),
    tone: 'warning',
  }),
  'handoff.created': () => ({ text: 'Asked to continue on another device' }),
  'handoff.claimed': () => ({ text: 'Continued on another device' }),
  'session.submitted': () => ({ text: 'Submitted' }),
  'session.processing': () => ({ text: 'Processing at the provider' }),
  'session.completed': (d) => ({
    text: 'Completed',
    ...(str(d.outcome)
      ? { detail: `Outcome: ${outcomeLabel(d.outcome as SessionOutcome).text}` }
      : {}),
    tone: 'success',
  }),
  'session.expired': () => ({ text: 'Expired', tone: 'warning' }),
  'session.error': (d) => ({
    text: 'Failed with an error',
    ...(str(d.message) || str(d.code) ? { detail: str(d.message) ?? str(d.code) } : {}),
    tone: 'danger',
  }),
  'provider.callback': (d) => ({
    text: `Callback from ${str(d.provider) ?? 'the provider'}`,
  }),
  'provider.done_reported': () => ({ text: 'The provider reported the session done' }),
  'user.returned': () => ({ text: 'Returned to the integrator’s site' }),
  'operator_answers.saved': () => ({ text: 'Saved the operator questionnaire' }),
  'decision.proposed': (d) => ({
    text: `Proposed: ${DECISION_VERBS[d.decision as Decision]?.toLowerCase() ?? 'a decision'} (awaiting a second reviewer)`,
    ...(str(d.reason) ? { detail: `Reason: ${String(d.reason)}` } : {}),
    tone: 'warning',
  }),
  'decision.made': (d) => ({
    text: `Decided: ${decisionLabel(d.decision as Decision).text.toLowerCase()}${
      str(d.confirmedBy) ? `, confirmed by ${String(d.confirmedBy)}` : ''
    }`,
    ...(str(d.reason) ? { detail: `Reason: ${String(d.reason)}` } : {}),
    tone: d.decision === 'approved' ? 'success' : d.decision === 'rejected' ? 'danger' : 'warning',
  }),
}

function actorOf(label: string | null): string {
  if (!label || label === 'system') return 'System'
  if (label === 'end user') return 'End user'
  return label
}

/** The session's events in words, oldest first, naming steps by their titles. */
export function timelineEntries(
  events: readonly TimelineEvent[],
  steps: readonly StepDetail[],
): TimelineEntry[] {
  const titles = new Map(steps.map((s) => [s.stepId, s.title]))
  const step = (id: unknown) => titles.get(String(id)) ?? String(id ?? 'a step')
  return events.map((event) => {
    const described = DESCRIBE[event.type]?.(event.data ?? {}, step) ?? {
      text: humanise(event.type),
    }
    return {
      id: event.id,
      at: event.at,
      actor: actorOf(event.actor),
      tone: described.tone ?? 'neutral',
      text: described.text,
      ...(described.detail ? { detail: described.detail } : {}),
    }
  })
}
