import { Migrator, sql, type Kysely } from 'kysely'
import type { DB } from './tables.ts'
import { MIGRATIONS } from './migrations/index.ts'

/**
 * Brings the database up to date. Kysely runs the migrations in one transaction under a
 * PostgreSQL advisory lock, so instances starting together against the same database wait for
 * each other and the second finds nothing left to do.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which one: a kysely_migration
  // table of another schema in the same database (another app, a parallel test) would make it
  // skip creating ours and fail.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableSchema: rows[0]?.schema,
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
