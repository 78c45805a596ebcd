import type { TargetName } from '@veriflow/schema'
import type {
  Decision,
  DecisionFilter,
  SessionListItem,
  SessionOutcome,
  SessionStatus,
} from '../sessions.api.ts'

/** A badge's colour (styles.css `.badge.<tone>`). */
export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger'

export const STATUS_LABELS: Record<SessionStatus, string> = {
  created: 'Created',
  started: 'Started',
  submitted: 'Submitted',
  processing: 'Processing',
  completed: 'Completed',
  expired: 'Expired',
  abandoned: 'Abandoned',
  error: 'Error',
}

export const OUTCOME_LABELS: Record<SessionOutcome, string> = {
  passed: 'Passed',
  failed: 'Failed',
  review_needed: 'Review needed',
}

export const DECISION_LABELS: Record<Decision, string> = {
  approved: 'Approved',
  rejected: 'Rejected',
  resubmission_requested: 'Resubmission requested',
}

export const DECISION_FILTER_LABELS: Record<DecisionFilter, string> = {
  ...DECISION_LABELS,
  none: 'Not decided',
  pending: 'Pending confirmation',
}

export const TARGET_LABELS: Record<TargetName, string> = {
  identomat: 'Identomat',
  iab: 'GoPay OneKYC (IAB)',
  trustmatic: 'Trustmatic',
  sandbox: 'Sandbox',
}

const STATUS_TONES: Record<SessionStatus, Tone> = {
  created: 'neutral',
  started: 'accent',
  submitted: 'accent',
  processing: 'accent',
  completed: 'success',
  expired: 'neutral',
  abandoned: 'neutral',
  error: 'danger',
}

const OUTCOME_TONES: Record<SessionOutcome, Tone> = {
  passed: 'success',
  failed: 'danger',
  review_needed: 'warning',
}

const DECISION_TONES: Record<Decision, Tone> = {
  approved: 'success',
  rejected: 'danger',
  resubmission_requested: 'warning',
}

export function statusTone(status: SessionStatus): Tone {
  return STATUS_TONES[status]
}

export function outcomeTone(outcome: SessionOutcome): Tone {
  return OUTCOME_TONES[outcome]
}

/** What the decision column shows: the decision, "Pending confirmation" (four-eyes) or nothing. */
export function decisionCell(
  session: Pick<SessionListItem, 'decision' | 'decisionPending'>,
): { label: string; tone: Tone } | null {
  if (session.decision)
    return { label: DECISION_LABELS[session.decision], tone: DECISION_TONES[session.decision] }
  if (session.decisionPending) return { label: 'Pending confirmation', tone: 'accent' }
  return null
}

/** "v3", or "test" for a session that ran the draft. */
export function versionLabel(version: number | null): string {
  return version === null ? 'test' : `v${version}`
}

const count = new Intl.NumberFormat('en-GB')

/** "1,234" */
export function formatCount(value: number): string {
  return count.format(value)
}

/** "50 sessions loaded, more below" / "3 sessions" — there is no total to show (keyset pages). */
export function loadedSummary(loaded: number, more: boolean): string {
  const noun = loaded === 1 ? 'session' : 'sessions'
  return more
    ? `${formatCount(loaded)} ${noun} loaded, more below`
    : `${formatCount(loaded)} ${noun}`
}

const full = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})
const thisYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
})

/** "12 Mar 2026, 14:05" in the browser's time zone. */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? '' : full.format(time)
}

/** "12 Mar, 14:05" this year, "12 Mar 2025, 14:05" before: what a narrow column shows. */
export function formatShortDateTime(iso: string, now: Date = new Date()): string {
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return ''
  return new Date(time).getFullYear() === now.getFullYear()
    ? thisYear.format(time)
    : full.format(time)
}
