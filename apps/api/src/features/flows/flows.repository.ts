import { CompiledQuery, sql, type Kysely, type Selectable } from 'kysely'
import { json, type DB, type FlowVersionsTable } from '../../common/db/tables.ts'

type Db = Kysely<DB>

/** Columns of a flow without its draft. */
const STATE_COLUMNS = [
  'flows.id',
  'flows.name',
  'flows.revision',
  'flows.latest_version',
  'flows.archived_at',
  'flows.created_at',
  'flows.updated_at',
  'flows.updated_by_label',
] as const

export interface FlowStateRow {
  id: string
  name: string
  revision: number
  latest_version: number | null
  archived_at: Date | null
  created_at: Date
  updated_at: Date
  updated_by_label: string | null
}

export interface FlowRow extends FlowStateRow {
  draft: Record<string, unknown>
}

/** A flow with its draft as the database's JSON text (not parsed). */
export interface FlowTextRow extends FlowStateRow {
  /** Null when the caller already holds the draft of this revision (see findFlowText). */
  draft_text: string | null
}

export interface FlowListRow extends FlowStateRow {
  step_count: number
  /** updated_at to the microsecond (a Date keeps milliseconds; the keyset needs all of it). */
  cursor_at: string
}

/** Who writes, as the flows table records it. */
export interface Writer {
  userId: string | null
  label: string
}

export interface FlowListFilter {
  q?: string
  archived: 'false' | 'true' | 'all'
  after?: { at: string; id: string }
  limit: number
}

export async function insertFlow(
  db: Db,
  flow: { name: string; draft: Record<string, unknown> },
  by: Writer,
): Promise<FlowRow> {
  return db
    .insertInto('flows')
    .values({
      name: flow.name,
      draft: json(flow.draft),
      created_by: by.userId,
      created_by_label: by.label,
      updated_by: by.userId,
      updated_by_label: by.label,
    })
    .returning([...STATE_COLUMNS, 'flows.draft'])
    .executeTakeFirstOrThrow()
}

export async function findFlow(db: Db, id: string): Promise<FlowRow | undefined> {
  return db
    .selectFrom('flows')
    .select([...STATE_COLUMNS, 'flows.draft'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/**
 * The draft read's SQL, written out once: it runs on every read of a draft, and building and
 * compiling it with the query builder each time costs more than sending it.
 */
const FLOW_TEXT_SQL = `select ${STATE_COLUMNS.join(', ')},
  case when flows.revision = $1::integer then null else flows.draft::text end as draft_text
  from flows where flows.id = $2`

/**
 * A flow with its draft as JSON text: the draft read sends that text on as it is, so the
 * document is neither parsed nor serialised again on the way out. A revision names one draft for
 * good (every change of the draft bumps it in the same statement), so when `knownRevision` is
 * still the flow's revision the draft is not read again: `draft_text` is then null.
 */
export async function findFlowText(
  db: Db,
  id: string,
  knownRevision: number | null,
): Promise<FlowTextRow | undefined> {
  const { rows } = await db.executeQuery<FlowTextRow>(
    CompiledQuery.raw(FLOW_TEXT_SQL, [knownRevision, id]),
  )
  return rows[0]
}

export async function findFlowState(db: Db, id: string): Promise<FlowStateRow | undefined> {
  return db.selectFrom('flows').select(STATE_COLUMNS).where('id', '=', id).executeTakeFirst()
}

/** Reads a flow and locks its row until the transaction ends (publishing numbers versions). */
export async function lockFlow(trx: Db, id: string): Promise<FlowRow | undefined> {
  return trx
    .selectFrom('flows')
    .select([...STATE_COLUMNS, 'flows.draft'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

const STEP_COUNT = sql<number>`case when jsonb_typeof(flows.draft -> 'steps') = 'array'
  then jsonb_array_length(flows.draft -> 'steps') else 0 end`
const CURSOR_AT = sql<string>`to_char(flows.updated_at at time zone 'UTC',
  'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

/** Flows, most recently changed first, keyset-paginated on (updated_at, id). */
export async function listFlows(db: Db, filter: FlowListFilter): Promise<FlowListRow[]> {
  let query = db
    .selectFrom('flows')
    .select([...STATE_COLUMNS, STEP_COUNT.as('step_count'), CURSOR_AT.as('cursor_at')])
  if (filter.archived === 'false') query = query.where('archived_at', 'is', null)
  if (filter.archived === 'true') query = query.where('archived_at', 'is not', null)
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`
    query = query.where('name', 'ilike', pattern)
  }
  if (filter.after) {
    const { at, id } = filter.after
    query = query.where(
      sql<boolean>`(flows.updated_at, flows.id) < (${at}::timestamptz, ${id}::uuid)`,
    )
  }
  return query
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute()
}

/**
 * Replaces the draft and bumps the revision in one statement, only if the revision is still
 * `expected` (null: whatever it is) and the flow is not archived. Returns the new state and the
 * draft it replaced, or undefined when nothing matched.
 */
export async function replaceDraft(
  db: Db,
  change: { id: string; expected: number | null; draft: Record<string, unknown>; name?: string },
  by: Writer,
): Promise<(FlowStateRow & { previous_draft: Record<string, unknown> }) | undefined> {
  let query = db
    .updateTable('flows')
    .from('flows as previous')
    .set((eb) => ({
      draft: json(change.draft),
      ...(change.name !== undefined ? { name: change.name } : {}),
      revision: eb('flows.revision', '+', 1),
      updated_at: sql<Date>`now()`,
      updated_by: by.userId,
      updated_by_label: by.label,
    }))
    .where('flows.id', '=', change.id)
    .whereRef('previous.id', '=', 'flows.id')
    .where('flows.archived_at', 'is', null)
  if (change.expected !== null) query = query.where('flows.revision', '=', change.expected)
  return query.returning([...STATE_COLUMNS, 'previous.draft as previous_draft']).executeTakeFirst()
}

/** Archives (a date) or restores (null); undefined when the flow is missing or already so. */
export async function setArchived(
  db: Db,
  id: string,
  archived: boolean,
): Promise<FlowStateRow | undefined> {
  return db
    .updateTable('flows')
    .set({ archived_at: archived ? sql<Date>`now()` : null })
    .where('id', '=', id)
    .where('archived_at', archived ? 'is' : 'is not', null)
    .returning(STATE_COLUMNS)
    .executeTakeFirst()
}

export type FlowVersionRow = Selectable<FlowVersionsTable>
export type FlowVersionMetaRow = Omit<FlowVersionRow, 'document'>

const VERSION_META_COLUMNS = [
  'flow_id',
  'version',
  'note',
  'content_hash',
  'published_at',
  'published_by',
  'published_by_label',
] as const

/** Adds a version and points the flow at it (call inside the transaction holding the lock). */
export async function insertVersion(
  trx: Db,
  version: {
    flowId: string
    version: number
    document: Record<string, unknown>
    note: string
    contentHash: string
  },
  by: Writer,
): Promise<FlowVersionMetaRow> {
  const row = await trx
    .insertInto('flow_versions')
    .values({
      flow_id: version.flowId,
      version: version.version,
      document: json(version.document),
      note: version.note,
      content_hash: version.contentHash,
      published_by: by.userId,
      published_by_label: by.label,
    })
    .returning(VERSION_META_COLUMNS)
    .executeTakeFirstOrThrow()
  await trx
    .updateTable('flows')
    .set({ latest_version: version.version })
    .where('id', '=', version.flowId)
    .execute()
  return row
}

/** Versions of a flow, newest first, below `before` when given. */
export async function listVersions(
  db: Db,
  flowId: string,
  page: { before?: number; limit: number },
): Promise<FlowVersionMetaRow[]> {
  let query = db
    .selectFrom('flow_versions')
    .select(VERSION_META_COLUMNS)
    .where('flow_id', '=', flowId)
  if (page.before !== undefined) query = query.where('version', '<', page.before)
  return query
    .orderBy('version', 'desc')
    .limit(page.limit + 1)
    .execute()
}

export async function findVersion(
  db: Db,
  flowId: string,
  version: number,
): Promise<FlowVersionRow | undefined> {
  return db
    .selectFrom('flow_versions')
    .selectAll()
    .where('flow_id', '=', flowId)
    .where('version', '=', version)
    .executeTakeFirst()
}
