import { sql, type Kysely } from 'kysely'
import type { Actor } from '../../common/auth/principal.ts'
import { json, type DB } from '../../common/db/tables.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import type { AppSettings, ReasonTemplates, UpdateAppSettingsBody } from './app-settings.schemas.ts'

type SettingValues = Omit<AppSettings, 'updatedAt'>
type SettingKey = keyof SettingValues

/** What a fresh installation uses until an admin changes it. */
export const APP_SETTINGS_DEFAULTS: SettingValues = {
  fourEyes: false,
  reasonTemplates: {
    approved: [],
    rejected: [
      'The document is not genuine or has been altered',
      'The face does not match the document',
      'The document has expired',
    ],
    resubmission_requested: [
      'The document photo is blurry or cut off: please take it again',
      'The selfie is too dark: please retake it in better light',
      'Wrong document type: please use the requested document',
    ],
  },
  sessionTtlMinutesDefault: 15,
}

const KEYS = Object.keys(APP_SETTINGS_DEFAULTS) as SettingKey[]

/**
 * Reads the application settings (one app_settings row per key; a missing or malformed row
 * takes its default). Pass a transaction to read them consistently with a change.
 */
export async function readAppSettings(db: Kysely<DB>): Promise<AppSettings> {
  const rows = await db
    .selectFrom('app_settings')
    .select(['key', 'value', 'updated_at'])
    .where('key', 'in', KEYS)
    .execute()
  const settings: AppSettings = { ...structuredClone(APP_SETTINGS_DEFAULTS), updatedAt: null }
  let latest: Date | null = null
  for (const row of rows) {
    const key = row.key as SettingKey
    if (key === 'fourEyes' && typeof row.value === 'boolean') settings.fourEyes = row.value
    if (key === 'sessionTtlMinutesDefault' && Number.isInteger(row.value))
      settings.sessionTtlMinutesDefault = row.value as number
    if (key === 'reasonTemplates' && row.value && typeof row.value === 'object')
      settings.reasonTemplates = { ...settings.reasonTemplates, ...(row.value as ReasonTemplates) }
    if (!latest || row.updated_at > latest) latest = row.updated_at
  }
  settings.updatedAt = latest?.toISOString() ?? null
  return settings
}

/** Installation-wide settings: four-eyes, reason templates, the default session lifetime. */
export class AppSettingsService {
  constructor(private readonly deps: { db: Kysely<DB> }) {}

  get(): Promise<AppSettings> {
    return readAppSettings(this.deps.db)
  }

  /** Applies a partial change (reason templates per decision kind) and audits what changed. */
  async update(patch: UpdateAppSettingsBody, actor: Actor): Promise<AppSettings> {
    return this.deps.db.transaction().execute(async (trx) => {
      // Serialise concurrent changes: both read-modify-write the reason templates.
      await sql`select pg_advisory_xact_lock(hashtext('app_settings'))`.execute(trx)
      const current = await readAppSettings(trx)
      const next: SettingValues = {
        fourEyes: patch.fourEyes ?? current.fourEyes,
        reasonTemplates: { ...current.reasonTemplates, ...patch.reasonTemplates },
        sessionTtlMinutesDefault:
          patch.sessionTtlMinutesDefault ?? current.sessionTtlMinutesDefault,
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {}
      for (const key of KEYS) {
        if (JSON.stringify(current[key]) === JSON.stringify(next[key])) continue
        changes[key] = { from: current[key], to: next[key] }
        await trx
          .insertInto('app_settings')
          .values({ key, value: json(next[key]) })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({ value: json(next[key]), updated_at: sql`now()` }),
          )
          .execute()
      }
      if (Object.keys(changes).length > 0)
        await recordAudit(trx, actor, {
          action: 'app_settings.updated',
          targetType: 'app_settings',
          targetId: null,
          summary: changes,
        })
      return readAppSettings(trx)
    })
  }
}
