import type { Flow } from '../../flow.schema.ts'
import type { Issue } from '../../issue.ts'
import type { CompileResult } from '../types.ts'

/**
 * The sandbox runs the flow document itself. Only video calls need an operator console that
 * Veriflow does not have yet.
 */
export function compileForSandbox(flow: Flow): CompileResult<Flow> {
  const issues: Issue[] = []
  flow.steps.forEach((step, i) => {
    if (step.type === 'video-call')
      issues.push({
        path: `/steps/${i}`,
        code: 'TARGET_UNSUPPORTED_STEP',
        message: 'the sandbox runner has no operator video console yet',
        severity: 'error',
      })
  })
  return { payload: structuredClone(flow), issues }
}
