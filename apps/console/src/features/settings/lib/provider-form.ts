import { urlProblem } from '@veriflow/schema'
import type { ProviderSettings, ProviderSettingsPatch } from '../providers.api.ts'
import { PROVIDER_OPTIONS, optionText, optionValue } from './provider-options.ts'

/** What the admin typed for one credential: a replacement, or a request to clear it. */
export interface CredentialDraft {
  /** The new value; never prefilled (the API never returns one). */
  value: string
  clear: boolean
}

/** The editable state of one provider card. */
export interface ProviderForm {
  /** Empty: the documented default host (where there is one). */
  baseUrl: string
  options: Record<string, string>
  credentials: Record<string, CredentialDraft>
}

/** A fresh form for these settings: the configured values, credentials always empty. */
export function providerForm(settings: ProviderSettings): ProviderForm {
  const options: Record<string, string> = {}
  for (const option of PROVIDER_OPTIONS[settings.provider] ?? [])
    options[option.name] = optionText(settings.options[option.name])
  const credentials: Record<string, CredentialDraft> = {}
  for (const field of settings.credentialFields)
    credentials[field.name] = { value: '', clear: false }
  return {
    baseUrl: settings.baseUrlIsDefault ? '' : (settings.baseUrl ?? ''),
    options,
    credentials,
  }
}

function withoutTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '')
}

/**
 * The change the form asks for, or null when it asks for none. Only what differs from the saved
 * settings is sent: an emptied base URL or option goes back to its default (null), a typed
 * credential replaces the stored one, a cleared one is removed (null).
 */
export function providerPatch(
  settings: ProviderSettings,
  form: ProviderForm,
): ProviderSettingsPatch | null {
  const patch: ProviderSettingsPatch = {}
  const baseUrl = form.baseUrl.trim()
  const configured = settings.baseUrlIsDefault ? null : settings.baseUrl
  if (baseUrl === '' && configured !== null) patch.baseUrl = null
  else if (baseUrl !== '' && withoutTrailingSlashes(baseUrl) !== configured) patch.baseUrl = baseUrl
  const options: Record<string, unknown> = {}
  for (const option of PROVIDER_OPTIONS[settings.provider] ?? []) {
    const next = optionValue(option, form.options[option.name] ?? '')
    const current = settings.options[option.name]
    if (next === undefined && current !== undefined) options[option.name] = null
    else if (next !== undefined && JSON.stringify(next) !== JSON.stringify(current))
      options[option.name] = next
  }
  if (Object.keys(options).length > 0) patch.options = options
  const credentials: Record<string, string | null> = {}
  for (const [name, draft] of Object.entries(form.credentials)) {
    const value = draft.value.trim()
    if (value !== '') credentials[name] = value
    else if (draft.clear && settings.credentials[name]?.set) credentials[name] = null
  }
  if (Object.keys(credentials).length > 0) patch.credentials = credentials
  return Object.keys(patch).length > 0 ? patch : null
}

/**
 * What the console can tell before asking the API (absolute http(s) URLs), by field pointer.
 * The API checks the rest (https outside localhost, no query string) and answers on the field.
 */
export function providerFormProblems(
  settings: Pick<ProviderSettings, 'provider'>,
  form: ProviderForm,
): Record<string, string> {
  const problems: Record<string, string> = {}
  const baseUrl = form.baseUrl.trim()
  if (baseUrl !== '') {
    const problem = urlProblem(baseUrl)
    if (problem) problems['/baseUrl'] = `The base URL ${problem}.`
  }
  for (const option of PROVIDER_OPTIONS[settings.provider] ?? []) {
    const text = (form.options[option.name] ?? '').trim()
    if (option.kind !== 'url' || text === '') continue
    const problem = urlProblem(text)
    if (problem) problems[`/options/${option.name}`] = `${option.label} ${problem}.`
  }
  return problems
}

/** The field pointers of a provider card, for placing API issues. */
export function providerFieldPointers(settings: ProviderSettings): string[] {
  return [
    '/baseUrl',
    ...(PROVIDER_OPTIONS[settings.provider] ?? []).map((option) => `/options/${option.name}`),
    ...settings.credentialFields.map((field) => `/credentials/${field.name}`),
  ]
}
