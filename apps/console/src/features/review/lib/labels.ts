import { STEP_CATALOGUE } from '@veriflow/schema'
import type { Decision, SessionOutcome, SessionStatus } from '../review.api.ts'

/** The colour of a badge (the `.badge` modifiers of styles.css). */
export type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger'

export interface Label {
  text: string
  tone: Tone
}

const STATUS: Record<SessionStatus, Label> = {
  created: { text: 'Created', tone: 'neutral' },
  started: { text: 'In progress', tone: 'accent' },
  submitted: { text: 'Submitted', tone: 'accent' },
  processing: { text: 'Processing', tone: 'accent' },
  completed: { text: 'Completed', tone: 'success' },
  expired: { text: 'Expired', tone: 'neutral' },
  abandoned: { text: 'Abandoned', tone: 'neutral' },
  error: { text: 'Error', tone: 'danger' },
}

const OUTCOME: Record<SessionOutcome, Label> = {
  passed: { text: 'Passed', tone: 'success' },
  failed: { text: 'Failed', tone: 'danger' },
  review_needed: { text: 'Review needed', tone: 'warning' },
}

const DECISION: Record<Decision, Label> = {
  approved: { text: 'Approved', tone: 'success' },
  rejected: { text: 'Rejected', tone: 'danger' },
  resubmission_requested: { text: 'Resubmission requested', tone: 'warning' },
}

/** The verb of each decision, for buttons and proposals. */
export const DECISION_VERBS: Record<Decision, string> = {
  approved: 'Approve',
  rejected: 'Reject',
  resubmission_requested: 'Request resubmission',
}

const TARGETS: Record<string, string> = {
  identomat: 'Identomat',
  iab: 'GoPay OneKYC',
  trustmatic: 'Trustmatic',
  sandbox: 'Sandbox',
}

const MEDIA_KINDS: Record<string, string> = {
  document_front: 'Document front',
  document_back: 'Document back',
  selfie: 'Selfie',
  liveness_frame: 'Liveness frame',
  face_document: 'Face with document',
  general_document_page: 'Document page',
}

function fallback(value: string): string {
  const words = value.replace(/[_.-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const statusLabel = (status: SessionStatus): Label =>
  STATUS[status] ?? { text: fallback(status), tone: 'neutral' }

export const outcomeLabel = (outcome: SessionOutcome | null): Label =>
  outcome ? (OUTCOME[outcome] ?? { text: fallback(outcome), tone: 'neutral' }) : NONE

export const decisionLabel = (decision: Decision | null): Label =>
  decision ? (DECISION[decision] ?? { text: fallback(decision), tone: 'neutral' }) : UNDECIDED

const NONE: Label = { text: 'None yet', tone: 'neutral' }
const UNDECIDED: Label = { text: 'Not decided', tone: 'neutral' }

export const targetLabel = (target: string): string => TARGETS[target] ?? fallback(target)

export const mediaKindLabel = (kind: string): string => MEDIA_KINDS[kind] ?? fallback(kind)

export function stepTypeLabel(type: string): string {
  return STEP_CATALOGUE.find((info) => info.type === type)?.label ?? fallback(type)
}

/** "camelCase" or "snake_case" field names as words: "reasonCode" → "Reason code". */
export function humanise(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ')
  const lower = spaced.toLowerCase().trim()
  return lower.charAt(0).toUpperCase() + lower.slice(1)
}

/** "1.2 MB", "340 KB". */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
})

/** "5 Mar 2026, 14:05:09 UTC": absolute, one time zone for everyone reading the audit trail. */
export function dateTime(iso: string | null): string {
  if (!iso) return '—'
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : `${DATE_TIME.format(time)} UTC`
}
