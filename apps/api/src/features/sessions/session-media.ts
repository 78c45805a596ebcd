import type { Kysely } from 'kysely'
import type { DB } from '../../common/db/tables.ts'

/** A capture as listed (never its bytes). */
export interface MediaRow {
  id: string
  step_id: string
  kind: string
  content_type: string
  size: number
  created_at: Date
}

export const MEDIA_COLUMNS = [
  'id',
  'step_id',
  'kind',
  'content_type',
  'size',
  'created_at',
] as const

/** The secret-box context of a session's media: a blob cannot be moved to another session. */
export function mediaContext(sessionId: string): string {
  return `media:${sessionId}`
}

/** A session's captures, oldest first (no bytes). */
export function listMedia(db: Kysely<DB>, sessionId: string): Promise<MediaRow[]> {
  return db
    .selectFrom('session_media')
    .select(MEDIA_COLUMNS)
    .where('session_id', '=', sessionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}
