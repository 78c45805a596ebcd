import type { TargetName } from '@veriflow/schema'
import type { AppContext } from '../../common/context.ts'
import { providerAdapters } from '../../providers/index.ts'
import type { ProviderAdapter } from '../../providers/provider.types.ts'
import { SandboxAdapter } from '../../providers/sandbox/sandbox.adapter.ts'
import { RunnerTokens } from '../../providers/sandbox/runner-token.ts'

/** One adapter per launch target. */
export type LaunchAdapters = Record<TargetName, ProviderAdapter>

/** The purpose string of the runner token key (HKDF info). */
const RUNNER_TOKEN_KEY_PURPOSE = 'veriflow runner tokens v1'

const tokensByContext = new WeakMap<AppContext, RunnerTokens>()
const adaptersByContext = new WeakMap<AppContext, LaunchAdapters>()

/** The runner token signer of this installation (key derived from the encryption key). */
export function runnerTokensOf(ctx: Pick<AppContext, 'secretBox'> & object): RunnerTokens {
  const key = ctx as AppContext
  let tokens = tokensByContext.get(key)
  if (!tokens) {
    tokens = new RunnerTokens(ctx.secretBox.deriveKey(RUNNER_TOKEN_KEY_PURPOSE))
    tokensByContext.set(key, tokens)
  }
  return tokens
}

/**
 * Every target's adapter, built once per context (the OneKYC adapter caches its partner token,
 * so one set per process is what it expects).
 */
export function launchAdaptersOf(ctx: AppContext): LaunchAdapters {
  let adapters = adaptersByContext.get(ctx)
  if (!adapters) {
    adapters = {
      ...providerAdapters({ logger: ctx.logger }),
      sandbox: new SandboxAdapter({ db: ctx.db, config: ctx.config, tokens: runnerTokensOf(ctx) }),
    }
    adaptersByContext.set(ctx, adapters)
  }
  return adapters
}
