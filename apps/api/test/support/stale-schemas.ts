import pg from 'pg'

const STALE_AFTER_MS = 2 * 60 * 60 * 1000

/**
 * Drops test schemas (`t_<base36 time>_<random>`) older than two hours: what killed test runs
 * leave behind. Recent ones may belong to a run in progress and are kept.
 */
export async function dropStaleTestSchemas(url: string, now = Date.now()): Promise<string[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname like 't\\_%\\_%'`,
    )
    const stale = rows
      .map((row) => row.nspname)
      .filter((name) => {
        const created = parseInt(name.split('_')[1] ?? '', 36)
        return Number.isFinite(created) && now - created > STALE_AFTER_MS
      })
    for (const name of stale)
      await client.query(`drop schema if exists ${pg.escapeIdentifier(name)} cascade`)
    return stale
  } finally {
    await client.end()
  }
}
