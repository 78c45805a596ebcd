import { compile, type LaunchContext, type TargetPayloads } from '@veriflow/schema'
import { ValidationError } from '../common/errors/app-error.ts'
import type { HostedProvider } from './provider-definition.ts'
import type { LaunchInput } from './provider.types.ts'

/**
 * Compiles the session's flow for `target` with the launch's values. The launch service refuses
 * flows with compile errors before a session exists; this is the adapters' own guard (422).
 */
export function compileForLaunch<T extends HostedProvider>(
  target: T,
  input: LaunchInput,
  launch: LaunchContext,
): TargetPayloads[T] {
  const { payload, issues } = compile(input.flow, target, launch)
  if (payload === null)
    throw new ValidationError(
      issues
        .filter((issue) => issue.severity === 'error')
        .map(({ code, message, path }) => ({ code, message, path })),
      422,
      'FLOW_NOT_LAUNCHABLE',
    )
  return payload
}
