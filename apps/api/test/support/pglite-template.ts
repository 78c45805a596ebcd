import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import { migrateToLatest } from '../../src/common/db/migrate.ts'
import { MIGRATIONS } from '../../src/common/db/migrations/index.ts'
import type { DB } from '../../src/common/db/tables.ts'

/** The template's file name changes whenever the migrations do. */
function templatePath(): string {
  const hash = createHash('sha256')
  for (const [name, migration] of Object.entries(MIGRATIONS))
    hash.update(name + String(migration.up))
  return join(tmpdir(), 'veriflow-test', `pglite-template-${hash.digest('hex').slice(0, 12)}.tar`)
}

/**
 * Makes (once) a migrated PGlite database dumped to a file: creating PGlite takes seconds,
 * loading the dump takes a third of one, so every test gets a clean database cheaply.
 */
export async function ensurePgliteTemplate(): Promise<string> {
  const path = templatePath()
  if (existsSync(path)) return path
  mkdirSync(join(tmpdir(), 'veriflow-test'), { recursive: true })
  const client = await PGlite.create()
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) })
  await migrateToLatest(db)
  const dump = await client.dumpDataDir('none')
  await db.destroy() // closes the PGlite client too
  const partial = `${path}.${process.pid}.partial`
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()))
  renameSync(partial, path)
  return path
}

/** A fresh PGlite loaded from the template. */
export async function pgliteFromTemplate(): Promise<PGlite> {
  const path = await ensurePgliteTemplate()
  return PGlite.create({ loadDataDir: new Blob([readFileSync(path)]) })
}
