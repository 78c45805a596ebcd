import { http } from '../../app/http.ts'

/** One entry of the audit log (`GET /audit`): who did what to which target, and what changed. */
export interface AuditEntry {
  id: string
  at: string
  actor: { kind: string; id: string | null; label: string }
  action: string
  target: { type: string; id: string | null }
  requestId: string | null
  /** What changed (never a secret); shape depends on the action. */
  summary: Record<string, unknown>
}

/** The API's filters: `to` is exclusive, both are ISO date-times. */
export interface AuditQuery {
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  from?: string
  to?: string
  cursor?: string
  limit?: number
}

export interface AuditPage {
  items: AuditEntry[]
  nextCursor?: string
}

export async function listAudit(query: AuditQuery): Promise<AuditPage> {
  const { data, nextCursor } = await http<AuditEntry[]>('GET', '/audit', { query: { ...query } })
  return { items: data, ...(nextCursor ? { nextCursor } : {}) }
}
