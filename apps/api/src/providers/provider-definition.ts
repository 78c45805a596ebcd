import type { TSchema } from '@sinclair/typebox'
import { AppError } from '../common/errors/app-error.ts'
import type { ProviderError } from './provider-error.ts'
import type { ProviderAdapter, ProviderConfig } from './provider.types.ts'

/** The hosted providers that have settings (the sandbox is Veriflow's own and has none). */
export const HOSTED_PROVIDERS = ['identomat', 'iab', 'trustmatic'] as const
export type HostedProvider = (typeof HOSTED_PROVIDERS)[number]

export function isHostedProvider(value: unknown): value is HostedProvider {
  return typeof value === 'string' && (HOSTED_PROVIDERS as readonly string[]).includes(value)
}

/** One credential a provider needs: stored sealed, never shown, only reported as set or not. */
export interface CredentialField {
  name: string
  /** Needed to launch (optional ones switch a feature on: HMAC signing, callbacks). */
  required: boolean
  description: string
}

/** What the settings screen and the adapters know about a provider, in one place. */
export interface ProviderDefinition {
  provider: HostedProvider
  label: string
  /** The provider's documented host; null when there is none (Trustmatic hosts are per customer). */
  defaultBaseUrl: string | null
  credentials: readonly CredentialField[]
  /** Non-secret options (TypeBox object, no additional properties). */
  optionsSchema: TSchema
  /** Option values used when an option is not set. */
  optionDefaults: Record<string, unknown>
  /** Options holding absolute URLs (checked like the base URL). */
  urlOptions: readonly string[]
  /** Checks beyond the options schema, as JSON pointers under the options object. */
  optionProblems?: (options: Record<string, unknown>) => Array<{ path: string; message: string }>
  /** Checks of credential values being set, as JSON pointers under the credentials object. */
  credentialProblems?: (
    credentials: Record<string, string>,
  ) => Array<{ path: string; message: string }>
  /** What is inferred or unknown about this provider's contract, shown with its settings. */
  notes: readonly string[]
}

/** The answer of "test connection". Never carries a token or a credential. */
export interface ConnectionTest {
  ok: boolean
  /** The provider's HTTP status, or null when it could not be reached. */
  status: number | null
  message: string
}

/** What "test connection" may need beyond the provider's settings. */
export interface ConnectionTestContext {
  /** A return URL for providers that insist on one (Trustmatic). */
  returnUrl: string
}

/** A hosted provider's adapter: the shared contract plus a connection test for the settings screen. */
export interface HostedProviderAdapter extends ProviderAdapter {
  testConnection(config: ProviderConfig, context: ConnectionTestContext): Promise<ConnectionTest>
}

/** A launch or call that cannot go ahead because the provider settings lack something. */
export class ProviderNotConfiguredError extends AppError {
  constructor(provider: HostedProvider, missing: readonly string[]) {
    super(
      422,
      'PROVIDER_NOT_CONFIGURED',
      `${provider}: set ${missing.join(', ')} in the provider settings first`,
    )
  }
}

/** The credentials a call needs, or a PROVIDER_NOT_CONFIGURED error naming the missing ones. */
export function requireCredentials<const K extends string>(
  provider: HostedProvider,
  config: ProviderConfig,
  names: readonly K[],
): Record<K, string> {
  const missing = names.filter((name) => !config.credentials[name])
  if (missing.length > 0)
    throw new ProviderNotConfiguredError(
      provider,
      missing.map((name) => `credentials.${name}`),
    )
  return Object.fromEntries(names.map((name) => [name, config.credentials[name]!])) as Record<
    K,
    string
  >
}

/** A string option, falling back to the default. */
export function stringOption(config: ProviderConfig, name: string, fallback: string): string {
  const value = config.options[name]
  return typeof value === 'string' && value !== '' ? value : fallback
}

/** `base` (no trailing slash) joined with `path` (leading slash). */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`)
}

/** A failed connection test: the provider's status and code, never a token or a credential. */
export function failedTest(error: ProviderError): ConnectionTest {
  const status = (error as { httpStatus?: number | null }).httpStatus ?? null
  return { ok: false, status, message: error.message }
}
