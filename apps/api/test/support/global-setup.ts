import { ensurePgliteTemplate } from './pglite-template.ts'
import { dropStaleTestSchemas } from './stale-schemas.ts'

/** Builds the PGlite template once, and clears PostgreSQL test schemas of killed runs. */
export default async function setup(): Promise<void> {
  await ensurePgliteTemplate()
  if (process.env.TEST_DATABASE_URL) await dropStaleTestSchemas(process.env.TEST_DATABASE_URL)
}
