import { sql, type Kysely } from 'kysely'

/** Flows: who saved a draft last, and versions protected from TRUNCATE too. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The statements live in this function on purpose: the PGlite test template is keyed on the
  // text of each migration's `up`, so editing them here rebuilds it.
  const statements = [
    // Who created and last changed a draft, as a label: the ADMIN_TOKEN has no user id, and a
    // stale write's 409 names whoever saved in between without a join.
    sql`alter table flows add column created_by_label text`,
    sql`alter table flows add column updated_by_label text`,
    // 001 refuses row updates and deletes of versions; TRUNCATE skips row triggers.
    sql`
      create trigger flow_versions_no_truncate before truncate on flow_versions
        for each statement execute function forbid_flow_version_changes()
    `,
  ]
  // One statement per query: PGlite prepares each query, and a prepared statement holds one.
  for (const statement of statements) await statement.execute(db)
}
