import type { TSchema } from '@sinclair/typebox'
import { schemaIssues } from '@veriflow/schema'
import { ajv } from '@veriflow/schema/ajv'
import type { ValidateFunction } from 'ajv'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Actor } from '../../common/auth/principal.ts'
import type { Config } from '../../common/config/config.ts'
import { publicBaseUrl } from '../../common/config/public-url.ts'
import type { SecretBox } from '../../common/crypto/secret-box.ts'
import type { DB } from '../../common/db/tables.ts'
import {
  AppError,
  NotFoundError,
  ValidationError,
  type ErrorEntry,
} from '../../common/errors/app-error.ts'
import {
  PROVIDER_DEFINITIONS,
  ProviderNotConfiguredError,
  isHostedProvider,
  type ConnectionTest,
  type HostedProvider,
  type HostedProviderAdapter,
  type ProviderDefinition,
} from '../../providers/index.ts'
import type { ProviderConfig } from '../../providers/provider.types.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { normaliseBaseUrl, providerUrlProblem } from './base-url.ts'
import * as repo from './provider-settings.repository.ts'
import type { ProviderSettings, UpdateProviderSettingsBody } from './provider-settings.schemas.ts'

export interface ProviderSettingsDeps {
  db: Kysely<DB>
  secretBox: SecretBox
  config: Pick<Config, 'publicUrl' | 'port'>
  logger: Logger
  /** The app's adapters ("test connection" shares them, and their token cache, with launches). */
  providers: Record<HostedProvider, HostedProviderAdapter>
}

type Credentials = Record<string, string>

const UNREADABLE_NOTE =
  'The stored credentials cannot be decrypted with this installation’s key (was VERIFLOW_SECRET_KEY changed?): enter them again.'

/** The provider named by a path parameter; anything else (the sandbox included) is a 404. */
export function providerParam(value: unknown): HostedProvider {
  if (!isHostedProvider(value)) throw new NotFoundError('provider')
  return value
}

function sealContext(provider: HostedProvider): string {
  return `provider:${provider}`
}

const optionValidators = new Map<TSchema, ValidateFunction>()

function optionIssues(
  definition: ProviderDefinition,
  options: Record<string, unknown>,
): ErrorEntry[] {
  let validate = optionValidators.get(definition.optionsSchema)
  if (!validate) {
    validate = ajv.compile(definition.optionsSchema)
    optionValidators.set(definition.optionsSchema, validate)
  }
  if (!validate(options))
    return schemaIssues(validate.errors).map(({ path, code, message }) => ({
      path: `/options${path}`,
      code,
      message,
    }))
  const issues: ErrorEntry[] = []
  for (const name of definition.urlOptions) {
    const value = options[name]
    const problem = typeof value === 'string' ? providerUrlProblem(value, 'endpoint') : undefined
    if (problem)
      issues.push({ path: `/options/${name}`, code: 'URL_INVALID', message: `${name} ${problem}` })
  }
  for (const { path, message } of definition.optionProblems?.(options) ?? [])
    issues.push({ path: `/options${path}`, code: 'OPTION_INVALID', message })
  return issues
}

/** Unknown credential names, and values the provider's definition refuses (paths under /credentials). */
function credentialIssues(
  definition: ProviderDefinition,
  credentials: Record<string, string | null>,
): ErrorEntry[] {
  const known = new Set(definition.credentials.map((field) => field.name))
  const issues: ErrorEntry[] = []
  for (const name of Object.keys(credentials))
    if (!known.has(name))
      issues.push({
        path: `/credentials/${name}`,
        code: 'UNKNOWN_CREDENTIAL',
        message: `${definition.label} has no credential "${name}"; it takes ${[...known].join(', ')}`,
      })
  const set = Object.fromEntries(
    Object.entries(credentials).filter((entry): entry is [string, string] => entry[1] !== null),
  )
  for (const { path, message } of definition.credentialProblems?.(set) ?? [])
    issues.push({ path: `/credentials${path}`, code: 'CREDENTIAL_INVALID', message })
  return issues
}

/**
 * Provider settings: base URLs, non-secret options and credentials. Credentials are sealed with
 * the secret box (context `provider:<name>`), write-only, and never logged or audited — the
 * audit entry names the fields that were set or cleared, nothing more.
 */
export class ProviderSettingsService {
  constructor(private readonly deps: ProviderSettingsDeps) {}

  async list(): Promise<ProviderSettings[]> {
    const rows = new Map((await repo.listSettings(this.deps.db)).map((row) => [row.provider, row]))
    return Object.values(PROVIDER_DEFINITIONS).map((definition) =>
      this.view(definition, rows.get(definition.provider)),
    )
  }

  async get(provider: HostedProvider): Promise<ProviderSettings> {
    return this.view(
      PROVIDER_DEFINITIONS[provider],
      await repo.findSettings(this.deps.db, provider),
    )
  }

  /** Applies a partial change: absent fields are kept, null clears (or returns to the default). */
  async update(
    provider: HostedProvider,
    patch: UpdateProviderSettingsBody,
    actor: Actor,
  ): Promise<ProviderSettings> {
    const definition = PROVIDER_DEFINITIONS[provider]
    const issues: ErrorEntry[] = []
    let baseUrl: string | null | undefined = patch.baseUrl
    if (typeof baseUrl === 'string') {
      baseUrl = normaliseBaseUrl(baseUrl)
      const problem = providerUrlProblem(baseUrl, 'base')
      if (problem)
        issues.push({ path: '/baseUrl', code: 'URL_INVALID', message: `the base URL ${problem}` })
    }
    issues.push(...credentialIssues(definition, patch.credentials ?? {}))
    if (issues.length > 0) throw new ValidationError(issues)

    return this.deps.db.transaction().execute(async (trx) => {
      await repo.ensureSettings(trx, provider)
      const row = (await repo.findSettings(trx, provider, { forUpdate: true }))!
      const options = { ...row.options }
      for (const [name, value] of Object.entries(patch.options ?? {}))
        if (value === null) delete options[name]
        else options[name] = value
      const problems = optionIssues(definition, options)
      if (problems.length > 0) throw new ValidationError(problems)

      const opened = this.open(provider, row.credentials_sealed)
      const credentials: Credentials = opened === 'unreadable' ? {} : { ...opened }
      const set: string[] = []
      const cleared: string[] = []
      for (const [name, value] of Object.entries(patch.credentials ?? {})) {
        if (value === null) {
          delete credentials[name]
          cleared.push(name)
        } else {
          credentials[name] = value
          set.push(name)
        }
      }
      const nextBaseUrl = baseUrl === undefined ? row.base_url : baseUrl
      const saved = await repo.saveSettings(trx, provider, {
        baseUrl: nextBaseUrl,
        options,
        credentialsSealed:
          Object.keys(credentials).length > 0
            ? this.deps.secretBox.encryptJson(credentials, sealContext(provider))
            : null,
        updatedBy: actor.label,
      })
      await recordAudit(trx, actor, {
        action: 'provider_settings.updated',
        targetType: 'provider_settings',
        targetId: provider,
        summary: {
          ...(nextBaseUrl !== row.base_url
            ? { baseUrl: { from: row.base_url, to: nextBaseUrl } }
            : {}),
          ...optionChanges(row.options, options),
          ...(set.length > 0 ? { credentialsSet: set.sort() } : {}),
          ...(cleared.length > 0 ? { credentialsCleared: cleared.sort() } : {}),
        },
      })
      return this.view(definition, saved)
    })
  }

  /**
   * The settings adapters need, credentials decrypted (never log or return this). Options have
   * their defaults applied. A provider without a base URL (Trustmatic until configured) or with
   * unreadable credentials is PROVIDER_NOT_CONFIGURED (422); missing credentials are reported by
   * the adapter that needs them.
   */
  async getConfig(provider: HostedProvider): Promise<ProviderConfig> {
    const definition = PROVIDER_DEFINITIONS[provider]
    const row = await repo.findSettings(this.deps.db, provider)
    const baseUrl = row?.base_url ?? definition.defaultBaseUrl
    if (!baseUrl) throw new ProviderNotConfiguredError(provider, ['baseUrl'])
    const credentials = this.open(provider, row?.credentials_sealed ?? null)
    if (credentials === 'unreadable')
      throw new AppError(422, 'PROVIDER_NOT_CONFIGURED', `${provider}: ${UNREADABLE_NOTE}`)
    return { baseUrl, options: { ...definition.optionDefaults, ...row?.options }, credentials }
  }

  /** "Test connection": one harmless call with the stored settings; never returns a token. */
  async testConnection(provider: HostedProvider, actor: Actor): Promise<ConnectionTest> {
    let result: ConnectionTest
    try {
      const config = await this.getConfig(provider)
      result = await this.deps.providers[provider].testConnection(config, {
        returnUrl: `${publicBaseUrl(this.deps.config)}/`,
      })
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'PROVIDER_NOT_CONFIGURED') throw error
      result = { ok: false, status: null, message: error.message }
    }
    await recordAudit(this.deps.db, actor, {
      action: 'provider_settings.tested',
      targetType: 'provider_settings',
      targetId: provider,
      summary: { ok: result.ok, status: result.status },
    })
    return result
  }

  private open(provider: HostedProvider, sealed: string | null): Credentials | 'unreadable' {
    if (sealed === null) return {}
    try {
      return this.deps.secretBox.decryptJson<Credentials>(sealed, sealContext(provider))
    } catch {
      return 'unreadable'
    }
  }

  private view(
    definition: ProviderDefinition,
    row: repo.ProviderSettingsRow | undefined,
  ): ProviderSettings {
    const opened = this.open(definition.provider, row?.credentials_sealed ?? null)
    const credentials = opened === 'unreadable' ? {} : opened
    const baseUrl = row?.base_url ?? definition.defaultBaseUrl
    const missing = [
      ...(baseUrl ? [] : ['baseUrl']),
      ...definition.credentials
        .filter((field) => field.required && !credentials[field.name])
        .map((field) => `credentials.${field.name}`),
    ]
    const options = row?.options ?? {}
    return {
      provider: definition.provider,
      label: definition.label,
      baseUrl,
      defaultBaseUrl: definition.defaultBaseUrl,
      baseUrlIsDefault: !row?.base_url,
      options,
      effectiveOptions: { ...definition.optionDefaults, ...options },
      credentials: Object.fromEntries(
        definition.credentials.map((field) => [
          field.name,
          { set: Boolean(credentials[field.name]) },
        ]),
      ),
      credentialFields: definition.credentials.map(({ name, required, description }) => ({
        name,
        required,
        description,
      })),
      ready: missing.length === 0,
      missing,
      notes: [...definition.notes, ...(opened === 'unreadable' ? [UNREADABLE_NOTE] : [])],
      updatedAt: row ? row.updated_at.toISOString() : null,
      updatedBy: row?.updated_by_label || null,
    }
  }
}

/** Which options changed, with their values (options are not secret). */
function optionChanges(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {}
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)]))
    if (JSON.stringify(before[name]) !== JSON.stringify(after[name]))
      changes[name] = { from: before[name] ?? null, to: after[name] ?? null }
  return Object.keys(changes).length > 0 ? { options: changes } : {}
}
