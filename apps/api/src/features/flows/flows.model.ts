import type { Issue } from '@veriflow/schema'
import type {
  FlowListRow,
  FlowRow,
  FlowStateRow,
  FlowVersionMetaRow,
  FlowVersionRow,
} from './flows.repository.ts'

/** A flow without its draft (what a save answers). */
export interface FlowState {
  id: string
  name: string
  /** The draft's revision; send it back as `If-Match: "<revision>"`. */
  revision: number
  latestVersion: number | null
  archived: boolean
  createdAt: string
  updatedAt: string
  /** Who saved the draft last. */
  updatedBy: string | null
}

/** One row of the flows list. */
export interface FlowListItem extends Omit<FlowState, 'updatedBy'> {
  stepCount: number
}

/** A flow with its draft and what validation says about the draft. */
export interface FlowDetail extends FlowState {
  draft: Record<string, unknown>
  issues: Issue[]
}

/** A flow as the draft read sends it: the draft stays the JSON text the database gave. */
export interface FlowDetailText extends FlowState {
  /** The draft document as JSON text. */
  draftJson: string
  issues: Issue[]
}

export interface FlowVersionMeta {
  flowId: string
  version: number
  note: string
  publishedAt: string
  /** Who published it (a label: email, key name or ADMIN_TOKEN). */
  publishedBy: string
  contentHash: string
}

export interface FlowVersion extends FlowVersionMeta {
  document: Record<string, unknown>
}

export function toFlowState(row: FlowStateRow): FlowState {
  return {
    id: row.id,
    name: row.name,
    revision: row.revision,
    latestVersion: row.latest_version,
    archived: row.archived_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by_label,
  }
}

export function toFlowListItem(row: FlowListRow): FlowListItem {
  const { updatedBy: _updatedBy, ...state } = toFlowState(row)
  return { ...state, stepCount: row.step_count }
}

export function toFlowDetail(row: FlowRow, issues: Issue[]): FlowDetail {
  return { ...toFlowState(row), draft: row.draft, issues }
}

export function toVersionMeta(row: FlowVersionMetaRow): FlowVersionMeta {
  return {
    flowId: row.flow_id,
    version: row.version,
    note: row.note,
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.published_by_label,
    contentHash: row.content_hash,
  }
}

export function toVersion(row: FlowVersionRow): FlowVersion {
  return { ...toVersionMeta(row), document: row.document }
}

/** Steps in a document that may not be valid. */
export function stepCountOf(document: Record<string, unknown>): number {
  return Array.isArray(document.steps) ? document.steps.length : 0
}
