import type { Logger } from 'pino'
import { ProviderHttp } from './http/provider-http.ts'
import { IabAdapter } from './iab/iab.adapter.ts'
import { IAB_DEFINITION } from './iab/iab.definition.ts'
import { IdentomatAdapter } from './identomat/identomat.adapter.ts'
import { IDENTOMAT_DEFINITION } from './identomat/identomat.definition.ts'
import type {
  HostedProvider,
  HostedProviderAdapter,
  ProviderDefinition,
} from './provider-definition.ts'
import type { ProviderAdapter } from './provider.types.ts'
import { TrustmaticAdapter } from './trustmatic/trustmatic.adapter.ts'
import { TRUSTMATIC_DEFINITION } from './trustmatic/trustmatic.definition.ts'

export * from './provider-definition.ts'

/** What the provider adapters are built from. */
export interface ProviderAdapterDeps {
  logger: Logger
  /** Time allowed for one outbound call, answer included. @default 10000 */
  timeoutMs?: number
  /** Extra attempts for idempotent calls (token and result fetches). @default 2 */
  retries?: number
  /** Wait before the first retry; doubles each time. @default 250 */
  backoffMs?: number
  /** For tests. @default globalThis.fetch */
  fetch?: typeof fetch
  /** For tests. @default () => new Date() */
  now?: () => Date
}

/** Settings metadata of every hosted provider: default host, credentials, options, notes. */
export const PROVIDER_DEFINITIONS: Record<HostedProvider, ProviderDefinition> = {
  identomat: IDENTOMAT_DEFINITION,
  iab: IAB_DEFINITION,
  trustmatic: TRUSTMATIC_DEFINITION,
}

/** Every launch target's adapter: the hosted providers' and Veriflow's own sandbox. */
export interface ProviderAdapters extends Record<HostedProvider, HostedProviderAdapter> {
  sandbox: ProviderAdapter
}

/**
 * The hosted providers' adapters. Build them once per app (the AppContext does): the OneKYC
 * adapter caches its partner token, which launches, result fetches and "test connection" share.
 */
export function providerAdapters(
  deps: ProviderAdapterDeps,
): Record<HostedProvider, HostedProviderAdapter> {
  const http = new ProviderHttp({
    logger: deps.logger,
    timeoutMs: deps.timeoutMs,
    retries: deps.retries,
    backoffMs: deps.backoffMs,
    fetch: deps.fetch,
  })
  const now = deps.now ?? (() => new Date())
  return {
    identomat: new IdentomatAdapter(http, now),
    iab: new IabAdapter(http, now),
    trustmatic: new TrustmaticAdapter(http, now),
  }
}
