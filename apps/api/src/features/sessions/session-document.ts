import type { Flow } from '@veriflow/schema'
import type { Kysely } from 'kysely'
import type { DB } from '../../common/db/tables.ts'
import { LruCache } from '../flows/lru-cache.ts'

/** Published versions never change, so their documents are cached (shared: never mutate one). */
const versions = new LruCache<Flow>(500, 64 * 1024 * 1024)

/** The session columns that say which document it runs. */
export interface SessionDocumentRef {
  flow_id: string
  flow_version: number | null
  draft_document: Record<string, unknown> | null
}

/** A published version's document (cached; read-only), or undefined when there is none. */
export async function publishedDocument(
  db: Kysely<DB>,
  flowId: string,
  version: number,
): Promise<Flow | undefined> {
  const key = `${flowId}:${version}`
  const cached = versions.get(key)
  if (cached) return cached
  const row = await db
    .selectFrom('flow_versions')
    .select('document')
    .where('flow_id', '=', flowId)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) return undefined
  const document = row.document as unknown as Flow
  versions.set(key, document, JSON.stringify(document).length)
  return document
}

/**
 * The flow document a session runs: its pinned version, or the draft copied at launch for a
 * test session. Read-only: the object may be shared with other requests.
 */
export async function sessionDocument(db: Kysely<DB>, session: SessionDocumentRef): Promise<Flow> {
  if (session.flow_version === null) return (session.draft_document ?? {}) as unknown as Flow
  const document = await publishedDocument(db, session.flow_id, session.flow_version)
  if (!document)
    throw new Error(`flow version ${session.flow_id}:${session.flow_version} is missing`)
  return document
}
