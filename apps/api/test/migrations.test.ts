import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../src/common/db/database.ts'
import { migrateToLatest } from '../src/common/db/migrate.ts'
import { MIGRATIONS } from '../src/common/db/migrations/index.ts'

const url = process.env.TEST_DATABASE_URL

describe.runIf(url)('migrations on PostgreSQL', () => {
  it('run once when several instances start together, and a later start finds nothing to do', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    const instances = await Promise.all(
      [1, 2, 3, 4].map(() => openDatabase({ databaseUrl: url!, schema, poolSize: 2 })),
    )
    try {
      const applied = await Promise.all(instances.map((instance) => migrateToLatest(instance.db)))
      // Exactly one instance applied each migration; the others waited on the lock and skipped.
      expect(applied.flat().sort()).toEqual(Object.keys(MIGRATIONS).sort())
      expect(await migrateToLatest(instances[0]!.db)).toEqual([])
      const { rows } = await sql<{
        name: string
      }>`select name from kysely_migration order by name`.execute(instances[0]!.db)
      expect(rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort())
      const tables = await sql<{
        count: string
      }>`select count(*) from information_schema.tables where table_schema = ${schema} and table_name = 'flows'`.execute(
        instances[1]!.db,
      )
      expect(Number(tables.rows[0]!.count)).toBe(1)
    } finally {
      await Promise.all(instances.map((instance) => instance.close()))
      await admin.query(`drop schema ${schema} cascade`)
      await admin.end()
    }
  })
})

describe('migrations on PGlite', () => {
  it('are idempotent on a second start', async () => {
    const database = await openDatabase({})
    try {
      expect(await migrateToLatest(database.db)).toEqual(Object.keys(MIGRATIONS).sort())
      expect(await migrateToLatest(database.db)).toEqual([])
    } finally {
      await database.close()
    }
  })
})
