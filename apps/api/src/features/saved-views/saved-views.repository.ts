import { sql, type Kysely, type Selectable } from 'kysely'
import type { SavedViewsTable } from '../../common/db/review-tables.ts'
import { json, type DB } from '../../common/db/tables.ts'

type Db = Kysely<DB>

export type SavedViewRow = Selectable<SavedViewsTable>

/** The owner's views, newest first. */
export function listViews(db: Db, owner: string): Promise<SavedViewRow[]> {
  return db
    .selectFrom('saved_views')
    .selectAll()
    .where('owner', '=', owner)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export function findView(
  db: Db,
  owner: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SavedViewRow | undefined> {
  const query = db
    .selectFrom('saved_views')
    .selectAll()
    .where('owner', '=', owner)
    .where('id', '=', id)
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst()
}

/**
 * Serialises changes to one owner's views until the transaction ends, so the count limit and
 * the unique name hold when two requests race.
 */
export async function lockOwner(db: Db, owner: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`saved_views:${owner}`}))`.execute(db)
}

export async function countViews(db: Db, owner: string): Promise<number> {
  const row = await db
    .selectFrom('saved_views')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('owner', '=', owner)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Whether the owner has another view called `name` (case-insensitive). */
export async function nameTaken(
  db: Db,
  owner: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('saved_views')
    .select('id')
    .where('owner', '=', owner)
    .where(sql<boolean>`lower(name) = lower(${name})`)
  if (exceptId) query = query.where('id', '!=', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

export function insertView(
  db: Db,
  view: { owner: string; userId: string | null; name: string; query: Record<string, string> },
): Promise<SavedViewRow> {
  return db
    .insertInto('saved_views')
    .values({
      owner: view.owner,
      user_id: view.userId,
      name: view.name,
      query: json(view.query),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function updateView(
  db: Db,
  id: string,
  changes: { name?: string; query?: Record<string, string> },
): Promise<SavedViewRow> {
  return db
    .updateTable('saved_views')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.query !== undefined ? { query: json(changes.query) } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function deleteView(db: Db, id: string): Promise<void> {
  await db.deleteFrom('saved_views').where('id', '=', id).execute()
}
