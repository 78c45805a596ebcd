import type { Issue, TargetName } from '@veriflow/schema'
import { http } from '../../app/http.ts'

/** A flow without its draft (what a save answers). */
export interface FlowState {
  id: string
  name: string
  /** The draft's revision; sent back as `If-Match: "<revision>"`. */
  revision: number
  latestVersion: number | null
  archived: boolean
  createdAt: string
  updatedAt: string
  updatedBy: string | null
}

/** `GET /flows/:id`: the flow, its draft (possibly invalid) and the draft's issues. */
export interface FlowDetail extends FlowState {
  draft: Record<string, unknown>
  issues: Issue[]
}

export interface FlowVersionMeta {
  flowId: string
  version: number
  note: string
  publishedAt: string
  publishedBy: string
  contentHash: string
}

export interface FlowVersion extends FlowVersionMeta {
  document: Record<string, unknown>
}

export interface FlowExport {
  target: string
  version: number | null
  payload: unknown
  issues: Issue[]
}

const ifMatch = (revision: number) => ({ 'If-Match': `"${revision}"` })
const base = (id: string) => `/flows/${encodeURIComponent(id)}`

export async function fetchFlow(id: string): Promise<FlowDetail> {
  return (await http<FlowDetail>('GET', base(id))).data
}

/** Saves the draft if it is still at `revision` (409 REVISION_CONFLICT otherwise). */
export async function saveDraft(
  id: string,
  document: unknown,
  revision: number,
): Promise<FlowState & { issues: Issue[] }> {
  return (
    await http<FlowState & { issues: Issue[] }>('PATCH', base(id), {
      body: { document },
      headers: ifMatch(revision),
    })
  ).data
}

/** Publishes the draft at `revision` as the next version (422 with the issues when invalid). */
export async function publishFlow(
  id: string,
  note: string,
  revision: number,
): Promise<FlowVersionMeta> {
  return (
    await http<FlowVersionMeta>('POST', `${base(id)}/publish`, {
      body: { note },
      headers: ifMatch(revision),
    })
  ).data
}

/** Every published version, newest first (follows the cursor). */
export async function fetchVersions(id: string): Promise<FlowVersionMeta[]> {
  const out: FlowVersionMeta[] = []
  let cursor: string | undefined
  do {
    const page = await http<FlowVersionMeta[]>('GET', `${base(id)}/versions`, {
      query: { limit: 200, cursor },
    })
    out.push(...page.data)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

export async function fetchVersion(id: string, version: number): Promise<FlowVersion> {
  return (await http<FlowVersion>('GET', `${base(id)}/versions/${version}`)).data
}

/** Copies a version into the draft (a new revision), if the draft is still at `revision`. */
export async function restoreVersion(
  id: string,
  version: number,
  revision: number,
): Promise<FlowDetail> {
  return (
    await http<FlowDetail>('POST', `${base(id)}/versions/${version}/restore`, {
      headers: ifMatch(revision),
    })
  ).data
}

/** The server's compile of a published version for a target. */
export async function exportVersion(
  id: string,
  target: TargetName,
  version: number,
): Promise<FlowExport> {
  return (await http<FlowExport>('GET', `${base(id)}/export`, { query: { target, version } })).data
}
