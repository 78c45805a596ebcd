import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database, type DatabaseKind } from '../../src/common/db/database.ts'
import { migrateToLatest } from '../../src/common/db/migrate.ts'
import { pgliteFromTemplate } from './pglite-template.ts'

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite']

export interface TestDatabase extends Database {
  /** For PostgreSQL, the schema this test lives in (dropped on close). */
  schema?: string
}

/** A clean, migrated database of the given kind. Close it when done. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') return openDatabase({ pglite: await pgliteFromTemplate() })
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  // The creation time is in the name, so the global setup can drop schemas of killed runs.
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const database = await openDatabase({ databaseUrl: url, schema, poolSize: 4 })
  await migrateToLatest(database.db)
  return {
    ...database,
    schema,
    close: async () => {
      await database.close()
      const dropper = new pg.Client({ connectionString: url })
      await dropper.connect()
      await dropper.query(`drop schema ${schema} cascade`)
      await dropper.end()
    },
  }
}
