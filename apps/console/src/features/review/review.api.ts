import type { AnswerValue, Answers, Question, Step } from '@veriflow/schema'
import { http } from '../../app/http.ts'
import type { Decision, SessionOutcome, SessionStatus } from '../sessions/sessions.api.ts'

export type { Decision, SessionOutcome, SessionStatus }

/** One question of a session's questionnaire as the API explains it (`GET /sessions/:id`). */
export interface QuestionDetail {
  questionId: string
  key: string
  type: Question['type']
  title: string
  mandatory: boolean
  /** Shown to the person answering (for operator questionnaires: asked of the reviewer). */
  shown: boolean
  /** "always shown", "shown because Employment = Employed", "hidden because … does not hold". */
  explanation: string
  answer: AnswerValue | null
  answerText: string | null
}

export interface StepDetail {
  stepId: string
  type: Step['type']
  key: string
  title: string
  /** Whether the session collected anything for this step. */
  collected: boolean
  questions?: QuestionDetail[]
  contact?: { channel: 'sms' | 'email'; value: string; verified: boolean }
  /** Media ids captured in this step. */
  media: string[]
}

export interface SessionMedia {
  id: string
  stepId: string
  kind: string
  contentType: string
  size: number
  createdAt: string
  /** Same-origin URL of the image (the console's cookie authorises it). */
  url: string
}

export interface TimelineEvent {
  id: string
  at: string
  type: string
  actor: string | null
  data: Record<string, unknown>
}

/** A four-eyes proposal waiting for a second reviewer. */
export interface PendingDecision {
  decision: Decision
  reason: string | null
  override: boolean
  proposedBy: { userId: string | null; label: string }
  proposedAt: string
}

/** `GET /sessions/:id`: everything about one session. */
export interface SessionDetail {
  id: string
  flow: { id: string; name: string; version: number | null }
  isTest: boolean
  target: string
  status: SessionStatus
  outcome: SessionOutcome | null
  decision: Decision | null
  decisionReason: string | null
  decidedBy: string | null
  decidedAt: string | null
  pendingDecision: PendingDecision | null
  externalUserId: string
  userDetails: Record<string, unknown> | null
  /** The language the texts of this answer are in. */
  language: string
  /** The flow's languages, the first being its default. */
  languages: string[]
  /** The language the person being verified used (may be null). */
  sessionLanguage: string | null
  returnUrl: string | null
  providerRef: string | null
  error: { code: string; message: string | null } | null
  createdBy: string | null
  createdAt: string
  startedAt: string | null
  submittedAt: string | null
  completedAt: string | null
  expiresAt: string
  timeline: TimelineEvent[]
  steps: StepDetail[]
  media: SessionMedia[]
  operatorAnswers: Record<string, Answers>
  /** The provider's result, normalised (fields differ per provider). */
  result: Record<string, unknown> | null
  /** What the provider sent, as it sent it. */
  rawResult: unknown
  /** The flow document the session runs, when the API includes it. */
  document?: { steps: Step[]; languages: string[] }
}

/** What deciding and confirming answer. */
export interface DecisionState {
  sessionId: string
  decision: Decision | null
  reason: string | null
  decidedBy: string | null
  decidedAt: string | null
  pendingDecision: PendingDecision | null
}

export interface DecisionInput {
  decision: Decision
  reason?: string
  /** Replace an earlier decision (admins only). */
  override?: boolean
}

/** `GET /settings/app`: what the decision panel needs from the admin's settings. */
export interface ReviewSettings {
  fourEyes: boolean
  reasonTemplates: Record<Decision, string[]>
}

/** The list filter a reviewer works through (`GET /sessions`), as query values. */
export type SessionFilter = Record<string, string>

/** A row of `GET /sessions`, as far as the queue needs it. */
export interface SessionListItem {
  id: string
  createdAt: string
  externalUserId: string
}

export interface SessionPage {
  items: SessionListItem[]
  nextCursor?: string
}

const base = (id: string) => `/sessions/${encodeURIComponent(id)}`

export async function fetchSession(id: string, lang?: string): Promise<SessionDetail> {
  return (await http<SessionDetail>('GET', base(id), { query: { lang } })).data
}

/** Saves the reviewer's answers of one or more operator questionnaires (by step id). */
export async function saveOperatorAnswers(
  id: string,
  answers: Record<string, Answers>,
): Promise<Record<string, Answers>> {
  return (
    await http<Record<string, Answers>>('PUT', `${base(id)}/operator-answers`, {
      body: { answers },
    })
  ).data
}

export async function decide(id: string, input: DecisionInput): Promise<DecisionState> {
  return (await http<DecisionState>('POST', `${base(id)}/decision`, { body: input })).data
}

/** Confirms a pending four-eyes decision (a different reviewer only; the API checks). */
export async function confirmDecision(id: string): Promise<DecisionState> {
  return (await http<DecisionState>('POST', `${base(id)}/decision/confirm`)).data
}

export async function fetchReviewSettings(): Promise<ReviewSettings> {
  const { data } = await http<ReviewSettings>('GET', '/settings/app')
  return { fourEyes: data.fourEyes, reasonTemplates: data.reasonTemplates }
}

export async function listSessions(
  filter: SessionFilter,
  page: { cursor?: string; limit: number },
): Promise<SessionPage> {
  const { data, nextCursor } = await http<SessionListItem[]>('GET', '/sessions', {
    query: { ...filter, ...page },
  })
  return { items: data, ...(nextCursor ? { nextCursor } : {}) }
}

/**
 * The steps of a flow document: a published version's (immutable), or the flow's draft for a
 * test session (the draft may have moved on since the launch; the caller checks it still fits).
 */
export async function fetchFlowSteps(flowId: string, version: number | null): Promise<Step[]> {
  const flow = `/flows/${encodeURIComponent(flowId)}`
  if (version === null) {
    const { data } = await http<{ draft: { steps?: Step[] } }>('GET', flow)
    return data.draft.steps ?? []
  }
  const { data } = await http<{ document: { steps?: Step[] } }>(
    'GET',
    `${flow}/versions/${version}`,
  )
  return data.document.steps ?? []
}
