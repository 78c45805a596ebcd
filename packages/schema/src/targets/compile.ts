import type { Flow } from '../flow.schema.ts'
import { hasErrors, type Issue } from '../issue.ts'
import type { TargetName } from '../targets.schema.ts'
import { validateFlow } from '../validate.ts'
import { compileForIab } from './iab/compile.ts'
import type { IabInitiateFlowRequest } from './iab/initiate-flow.ts'
import type { IdentomatBeginBody } from './identomat/begin-body.ts'
import { compileForIdentomat } from './identomat/compile.ts'
import { compileForSandbox } from './sandbox/compile.ts'
import { compileForTrustmatic, type TrustmaticEnrolment } from './trustmatic/compile.ts'
import type { CompileResult, LaunchContext } from './types.ts'

export interface TargetPayloads {
  identomat: IdentomatBeginBody
  iab: IabInitiateFlowRequest
  trustmatic: TrustmaticEnrolment
  sandbox: Flow
}

/**
 * Compiles a flow document to a target's payload. The document is validated first: with
 * validation errors there is no payload and the issues are the validation issues. Otherwise the
 * issues are what the target cannot express (errors) or ignores (warnings), at document paths.
 */
export function compile<T extends TargetName>(
  doc: unknown,
  target: T,
  launch: LaunchContext = {},
): CompileResult<TargetPayloads[T]> {
  const validation = validateFlow(doc)
  if (!validation.valid) return { payload: null, issues: validation.issues }
  const flow = doc as Flow
  const compilers: {
    [K in TargetName]: (flow: Flow, launch: LaunchContext) => CompileResult<TargetPayloads[K]>
  } = {
    identomat: compileForIdentomat,
    iab: compileForIab,
    trustmatic: compileForTrustmatic,
    sandbox: compileForSandbox,
  }
  const result = compilers[target](flow, launch) as CompileResult<TargetPayloads[T]>
  const issues: Issue[] = result.issues
  return { payload: hasErrors(issues) ? null : result.payload, issues }
}
