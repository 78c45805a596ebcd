import type { TargetName } from '@veriflow/schema'
import type { AppContext } from '../../common/context.ts'
import type { ProviderAdapter } from '../../providers/provider.types.ts'
import type { RunnerTokens } from '../../providers/sandbox/runner-token.ts'

/** One adapter per launch target. */
export type LaunchAdapters = Record<TargetName, ProviderAdapter>

/** The runner token signer of this installation (built with the context). */
export function runnerTokensOf(ctx: Pick<AppContext, 'runnerTokens'>): RunnerTokens {
  return ctx.runnerTokens
}
