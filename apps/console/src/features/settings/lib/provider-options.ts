import type { HostedProvider } from '../providers.api.ts'

/** How an option is edited: a URL, a short text, one of a few values, or a list (one per line). */
export type OptionKind = 'url' | 'text' | 'select' | 'list'

/** An option of a provider's settings, as the settings screen offers it. */
export interface ProviderOption {
  name: string
  label: string
  kind: OptionKind
  help: string
  /** For `select`. */
  choices?: readonly string[]
}

/**
 * The non-secret options each provider takes (the API's option schemas; the API validates them).
 * They exist because these parts of the providers' contracts are not publicly confirmed
 * (shared/contracts/providers.md): the help says so, so an admin knows what to ask the provider.
 */
export const PROVIDER_OPTIONS: Record<HostedProvider, readonly ProviderOption[]> = {
  identomat: [],
  iab: [
    {
      name: 'tokenUrl',
      label: 'Partner-token URL',
      kind: 'url',
      help: 'Not publicly confirmed for CoE web flows: the default is the one documented token contract (Esign). Use the endpoint IAB gave you.',
    },
    {
      name: 'tokenMethod',
      label: 'Partner-token method',
      kind: 'select',
      choices: ['GET', 'POST'],
      help: 'GET as documented for Esign; change it only if IAB says so.',
    },
    {
      name: 'initiateFlowPath',
      label: 'Initiate Flow path',
      kind: 'text',
      help: 'Inferred from the API reference page; override it if IAB gives another path.',
    },
    {
      name: 'callbackAllowedIps',
      label: 'Callback source addresses',
      kind: 'list',
      help: 'IP addresses or CIDR ranges, one per line. OneKYC does not document how callbacks authenticate: they are refused until this or callback_secret is set.',
    },
  ],
  trustmatic: [
    {
      name: 'resultPath',
      label: 'Result endpoint path',
      kind: 'text',
      help: 'Trustmatic publishes no result API. Set it only if your deployment has one ({sessionId} is replaced).',
    },
    {
      name: 'resultDecisionField',
      label: 'Decision field',
      kind: 'text',
      help: 'Dotted path of the HIGH / MEDIUM / LOW decision in the result answer.',
    },
  ],
}

/** An option value as the form shows it (lists one entry per line). */
export function optionText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map(String).join('\n')
  return String(value)
}

/** The form text as the API takes it; undefined for an empty field (back to the default). */
export function optionValue(option: ProviderOption, text: string): unknown {
  if (option.kind === 'list') {
    const entries = text
      .split(/[\n,]/)
      .map((entry) => entry.trim())
      .filter(Boolean)
    return entries.length > 0 ? entries : undefined
  }
  const trimmed = text.trim()
  return trimmed === '' ? undefined : trimmed
}
