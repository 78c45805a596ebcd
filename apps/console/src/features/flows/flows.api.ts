import type { Issue } from '@veriflow/schema'
import { http } from '../../app/http.ts'

/** A row of the flows list (`GET /flows`). */
export interface FlowSummary {
  id: string
  name: string
  /** The draft's revision (bumps on every save). */
  revision: number
  /** The newest published version; null while only a draft exists. */
  latestVersion: number | null
  archived: boolean
  createdAt: string
  updatedAt: string
  stepCount: number
}

/** A flow as `POST /flows` and import answer it: its state plus the draft and its issues. */
export interface FlowDetail extends Omit<FlowSummary, 'stepCount'> {
  updatedBy: string | null
  draft: Record<string, unknown>
  issues: Issue[]
}

/** What `DELETE /flows/:id` and `POST /flows/:id/unarchive` answer. */
export type FlowState = Omit<FlowSummary, 'stepCount'>

/** Which flows the list shows: active ones, archived ones or both. */
export type ArchivedFilter = 'false' | 'true' | 'all'

export interface FlowListQuery {
  /** Part of the name, any case. */
  q?: string
  archived?: ArchivedFilter
  cursor?: string
  limit?: number
}

export interface FlowPage {
  items: FlowSummary[]
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string
}

/** A ready-made flow to start from (`GET /templates`). */
export interface FlowTemplateSummary {
  id: string
  name: string
  description: string
  stepCount: number
}

/** `POST /flows`: at most one of template and duplicateOf; neither makes a blank flow. */
export interface CreateFlowInput {
  name?: string
  template?: string
  duplicateOf?: string
}

export type ImportSource = 'identomat' | 'veriflow'

export interface ImportInput {
  from: ImportSource
  payload: unknown
  /** Overrides the name the payload gives. */
  name?: string
}

/** The dry-run answer: issues have JSON-pointer paths into the payload. */
export interface ImportReport {
  valid: boolean
  issues: Issue[]
  /** The flow document the import would create (null when the payload is not an object). */
  document: Record<string, unknown> | null
}

export async function listFlows(query: FlowListQuery): Promise<FlowPage> {
  const { data, nextCursor } = await http<FlowSummary[]>('GET', '/flows', { query: { ...query } })
  return { items: data, ...(nextCursor ? { nextCursor } : {}) }
}

export async function createFlow(input: CreateFlowInput): Promise<FlowDetail> {
  return (await http<FlowDetail>('POST', '/flows', { body: input })).data
}

/** Archives (soft): the flow leaves the default list, its versions stay readable. */
export async function archiveFlow(id: string): Promise<FlowState> {
  return (await http<FlowState>('DELETE', `/flows/${encodeURIComponent(id)}`)).data
}

export async function unarchiveFlow(id: string): Promise<FlowState> {
  return (await http<FlowState>('POST', `/flows/${encodeURIComponent(id)}/unarchive`)).data
}

export async function listTemplates(): Promise<FlowTemplateSummary[]> {
  return (await http<FlowTemplateSummary[]>('GET', '/templates')).data
}

/** Validates an import without creating anything. */
export async function checkImport(input: ImportInput): Promise<ImportReport> {
  return (await http<ImportReport>('POST', '/flows/import', { body: { ...input, dryRun: true } }))
    .data
}

/** Creates the flow; a payload with errors is a 422 ApiError carrying the issues. */
export async function importFlow(input: ImportInput): Promise<FlowDetail> {
  return (await http<FlowDetail>('POST', '/flows/import', { body: input })).data
}
