import { http } from '../../app/http.ts'

/** A hosted provider with settings (the sandbox is Veriflow's own and has none). */
export type HostedProvider = 'identomat' | 'iab' | 'trustmatic'

/** One credential a provider takes: write-only, reported only as set or not. */
export interface CredentialFieldInfo {
  name: string
  /** Needed to launch; optional ones switch a feature on (signing, callbacks). */
  required: boolean
  description: string
}

/** A provider's settings as `GET /settings/providers` shows them (never a credential value). */
export interface ProviderSettings {
  provider: HostedProvider
  label: string
  /** The base URL in use: the configured one, else the documented default. */
  baseUrl: string | null
  /** The provider's documented host; null when none is public. */
  defaultBaseUrl: string | null
  baseUrlIsDefault: boolean
  /** The configured options only. */
  options: Record<string, unknown>
  /** The options in use: the configured ones over the defaults. */
  effectiveOptions: Record<string, unknown>
  credentials: Record<string, { set: boolean }>
  credentialFields: CredentialFieldInfo[]
  ready: boolean
  /** What a launch still needs, e.g. `credentials.company_key`. */
  missing: string[]
  /** What is inferred or undocumented about this provider's contract. */
  notes: string[]
  updatedAt: string | null
  updatedBy: string | null
}

/**
 * `PUT /settings/providers/:provider`: absent fields are kept; null returns the base URL or an
 * option to its default and clears a credential.
 */
export interface ProviderSettingsPatch {
  baseUrl?: string | null
  options?: Record<string, unknown>
  credentials?: Record<string, string | null>
}

/** The answer of "test connection" (never a token). */
export interface ConnectionTestResult {
  ok: boolean
  /** The provider's HTTP status; null when it was not reached. */
  status: number | null
  message: string
}

export async function listProviderSettings(): Promise<ProviderSettings[]> {
  return (await http<ProviderSettings[]>('GET', '/settings/providers')).data
}

export async function updateProviderSettings(
  provider: HostedProvider,
  patch: ProviderSettingsPatch,
): Promise<ProviderSettings> {
  const path = `/settings/providers/${encodeURIComponent(provider)}`
  return (await http<ProviderSettings>('PUT', path, { body: patch })).data
}

export async function testProviderConnection(
  provider: HostedProvider,
): Promise<ConnectionTestResult> {
  const path = `/settings/providers/${encodeURIComponent(provider)}/test`
  return (await http<ConnectionTestResult>('POST', path, { body: {} })).data
}
