import type { ColumnType, Generated } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface SavedViewsTable {
  id: Generated<string>
  /** The owner: a user id, or `admin_token` for the ADMIN_TOKEN (which has no user). */
  owner: string
  /** The owning user (deleting the user deletes their views); null for the ADMIN_TOKEN. */
  user_id: string | null
  name: string
  query: ColumnType<Record<string, string>, string, string>
  created_at: Timestamp
  updated_at: Timestamp
}

/** The review console's tables (migration 008). */
export interface ReviewTables {
  saved_views: SavedViewsTable
}
