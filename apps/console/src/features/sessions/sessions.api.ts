import type { TargetName } from '@veriflow/schema'
import { http } from '../../app/http.ts'

/** The session states of PRODUCT.md §3, in their order. */
export const SESSION_STATUSES = [
  'created',
  'started',
  'submitted',
  'processing',
  'completed',
  'expired',
  'abandoned',
  'error',
] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

export const SESSION_OUTCOMES = ['passed', 'failed', 'review_needed'] as const
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number]

export const DECISIONS = ['approved', 'rejected', 'resubmission_requested'] as const
export type Decision = (typeof DECISIONS)[number]

/** The decision filter: a decision, `none` (undecided, nothing pending) or `pending` (four-eyes). */
export const DECISION_FILTERS = [...DECISIONS, 'none', 'pending'] as const
export type DecisionFilter = (typeof DECISION_FILTERS)[number]

/** A row of `GET /sessions`. */
export interface SessionListItem {
  id: string
  createdAt: string
  externalUserId: string
  /** `version` null: the session ran a draft (a test session). */
  flow: { id: string; name: string; version: number | null }
  target: TargetName
  isTest: boolean
  status: SessionStatus
  outcome: SessionOutcome | null
  decision: Decision | null
  /** A four-eyes proposal waits for a second reviewer. */
  decisionPending: boolean
  /** The reviewer's name as it was when they decided. */
  decidedBy: string | null
  decidedAt: string | null
  completedAt: string | null
  expiresAt: string
}

/** The filter as the API reads it (`GET /sessions`, `GET /sessions.csv`). */
export interface SessionsApiQuery {
  status?: SessionStatus
  outcome?: SessionOutcome
  decision?: DecisionFilter
  flowId?: string
  version?: number
  target?: TargetName
  test?: boolean
  from?: string
  to?: string
  q?: string
  decidedBy?: string
}

export interface SessionPage {
  items: SessionListItem[]
  /** Absent on the last page. */
  nextCursor?: string
}

/** Someone who has decided sessions (`GET /sessions/reviewers`). */
export interface ReviewerOption {
  id: string
  /** What the list's reviewer column shows for them (their email). */
  label: string
  name?: string
}

/** A named filter of the list (`GET /saved-views`); built-in ones come first and stay. */
export interface SavedView {
  id: string
  name: string
  /** The filter, with the list's URL keys (a period stays a period). */
  query: Record<string, string>
  builtIn: boolean
  /** Null for the built-in views. */
  createdAt: string | null
}

export async function listSessions(
  query: SessionsApiQuery,
  cursor: string | undefined,
  limit: number,
  signal?: AbortSignal,
): Promise<SessionPage> {
  const { data, nextCursor } = await http<SessionListItem[]>('GET', '/sessions', {
    query: { ...query, cursor, limit },
    signal,
  })
  return { items: data, ...(nextCursor ? { nextCursor } : {}) }
}

export async function listReviewers(): Promise<ReviewerOption[]> {
  return (await http<ReviewerOption[]>('GET', '/sessions/reviewers')).data
}

export async function listSavedViews(): Promise<SavedView[]> {
  return (await http<SavedView[]>('GET', '/saved-views')).data
}

/** 409 NAME_TAKEN when the user already has a view of this name. */
export async function createSavedView(input: {
  name: string
  query: Record<string, string>
}): Promise<SavedView> {
  return (await http<SavedView>('POST', '/saved-views', { body: input })).data
}

export async function deleteSavedView(id: string): Promise<void> {
  await http<unknown>('DELETE', `/saved-views/${encodeURIComponent(id)}`)
}

/**
 * The CSV export's address (a plain GET: the browser downloads it with the session cookie, and
 * the API streams it). Not fetched here: a link, so large exports never sit in memory.
 */
export function sessionsCsvUrl(query: SessionsApiQuery): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value))
  const search = params.toString()
  return `/api/sessions.csv${search ? `?${search}` : ''}`
}

/** A flow to filter by: its name and how many versions it has published. */
export interface FlowOption {
  id: string
  name: string
  /** Null while only a draft exists (its sessions are test sessions). */
  latestVersion: number | null
  archived: boolean
}

/** At most this many flows are offered in the filters (100 a page). */
const MAX_FLOW_PAGES = 10

/** Every flow, archived ones included (their sessions stay reviewable). */
export async function listFlowOptions(): Promise<FlowOption[]> {
  const out: FlowOption[] = []
  let cursor: string | undefined
  for (let page = 0; page < MAX_FLOW_PAGES; page++) {
    const result = await http<FlowOption[]>('GET', '/flows', {
      query: { archived: 'all', limit: 100, cursor },
    })
    out.push(
      ...result.data.map(({ id, name, latestVersion, archived }) => ({
        id,
        name,
        latestVersion,
        archived,
      })),
    )
    cursor = result.nextCursor
    if (!cursor) break
  }
  return out
}
