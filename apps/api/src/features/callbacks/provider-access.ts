import type { AppContext } from '../../common/context.ts'
import { HOSTED_PROVIDERS, isHostedProvider, type HostedProvider } from '../../providers/index.ts'
import type { ProviderAdapter, ProviderConfig } from '../../providers/provider.types.ts'
import { ProviderSettingsService } from '../provider-settings/provider-settings.service.ts'

/** What result fetching needs from the providers: adapters by target, and their settings. */
export interface ProviderAccess {
  /** Adapters of the hosted providers by session target (the sandbox reports its own results). */
  adapters: Partial<Record<string, Pick<ProviderAdapter, 'fetchResult' | 'handleCallback'>>>
  /** The provider's settings with credentials decrypted (never log them). */
  configFor(provider: HostedProvider): Promise<ProviderConfig>
}

const perContext = new WeakMap<AppContext, ProviderAccess>()

/**
 * The hosted providers' adapters of this context — the same instances launches and "test
 * connection" use (the OneKYC adapter caches its partner token) — for the callback routes and the
 * result poller.
 */
export function providerAccess(ctx: AppContext): ProviderAccess {
  let access = perContext.get(ctx)
  if (!access) {
    const adapters = Object.fromEntries(HOSTED_PROVIDERS.map((name) => [name, ctx.providers[name]]))
    const settings = new ProviderSettingsService(ctx)
    access = {
      adapters,
      configFor: (provider) => {
        if (!isHostedProvider(provider)) throw new Error(`${String(provider)} has no settings`)
        return settings.getConfig(provider)
      },
    }
    perContext.set(ctx, access)
  }
  return access
}
