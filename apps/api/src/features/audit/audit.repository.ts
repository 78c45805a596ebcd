import type { Kysely } from 'kysely'
import type { Actor } from '../../common/auth/principal.ts'
import { BadRequestError } from '../../common/errors/app-error.ts'
import { decodeCursor, toPage, type Page } from '../../common/http/pagination.ts'
import { json, type DB } from '../../common/db/tables.ts'

/** One mutating action, as the audit log records it. */
export interface AuditEntryInput {
  action: string
  targetType: string
  targetId: string | null
  /** A summary of the change (never secrets). */
  summary?: Record<string, unknown>
}

export interface AuditEntry {
  id: string
  at: string
  actor: { kind: string; id: string | null; label: string }
  action: string
  target: { type: string; id: string | null }
  requestId: string | null
  summary: Record<string, unknown>
}

export interface AuditFilter {
  actor?: string
  action?: string
  targetType?: string
  targetId?: string
  from?: string
  to?: string
  cursor?: string
  limit: number
}

/**
 * Appends to the audit log. Pass the transaction of the change itself, so a change and its
 * entry are committed together or not at all.
 */
export async function recordAudit(
  db: Kysely<DB>,
  actor: Actor,
  entry: AuditEntryInput,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      request_id: actor.requestId,
      summary: json(entry.summary ?? {}),
    })
    .execute()
}

/**
 * Lists audit entries, newest first, keyset-paginated on the identity column (it grows with
 * time, and unlike a timestamp read into a JS Date it loses no precision).
 */
export async function listAudit(db: Kysely<DB>, filter: AuditFilter): Promise<Page<AuditEntry>> {
  let query = db.selectFrom('audit_log').selectAll()
  if (filter.actor)
    query = query.where((eb) =>
      eb.or([eb('actor_id', '=', filter.actor!), eb('actor_label', 'ilike', `%${filter.actor}%`)]),
    )
  if (filter.action) query = query.where('action', '=', filter.action)
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType)
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId)
  if (filter.from) query = query.where('at', '>=', new Date(filter.from))
  if (filter.to) query = query.where('at', '<', new Date(filter.to))
  const cursor = decodeCursor(filter.cursor, 1)
  if (cursor) {
    const id = String(cursor[0])
    if (!/^\d{1,18}$/.test(id))
      throw new BadRequestError(
        'INVALID_CURSOR',
        'the cursor is not valid for this list',
        '/query/cursor',
      )
    query = query.where('id', '<', id)
  }
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute()
  return toPage(
    rows,
    filter.limit,
    (row) => [String(row.id)],
    (row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
      action: row.action,
      target: { type: row.target_type, id: row.target_id },
      requestId: row.request_id,
      summary: row.summary,
    }),
  )
}
