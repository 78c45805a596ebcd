import type { Kysely, Selectable } from 'kysely'
import type { ProviderSettingsTable } from '../../common/db/session-tables.ts'
import { json, type DB } from '../../common/db/tables.ts'
import type { HostedProvider } from '../../providers/provider-definition.ts'

export type ProviderSettingsRow = Selectable<ProviderSettingsTable>

export function listSettings(db: Kysely<DB>): Promise<ProviderSettingsRow[]> {
  return db.selectFrom('provider_settings').selectAll().execute()
}

export function findSettings(
  db: Kysely<DB>,
  provider: HostedProvider,
  options: { forUpdate?: boolean } = {},
): Promise<ProviderSettingsRow | undefined> {
  let query = db.selectFrom('provider_settings').selectAll().where('provider', '=', provider)
  if (options.forUpdate) query = query.forUpdate()
  return query.executeTakeFirst()
}

/** Makes sure the provider has a row (so it can be locked for an update). */
export async function ensureSettings(db: Kysely<DB>, provider: HostedProvider): Promise<void> {
  await db
    .insertInto('provider_settings')
    .values({ provider, options: json({}), updated_by_label: '' })
    .onConflict((oc) => oc.column('provider').doNothing())
    .execute()
}

export async function saveSettings(
  db: Kysely<DB>,
  provider: HostedProvider,
  values: {
    baseUrl: string | null
    options: Record<string, unknown>
    credentialsSealed: string | null
    updatedBy: string
  },
): Promise<ProviderSettingsRow> {
  return db
    .updateTable('provider_settings')
    .set({
      base_url: values.baseUrl,
      options: json(values.options),
      credentials_sealed: values.credentialsSealed,
      updated_at: new Date(),
      updated_by_label: values.updatedBy,
    })
    .where('provider', '=', provider)
    .returningAll()
    .executeTakeFirstOrThrow()
}
