import type { TargetName } from '../../targets.schema.ts'
import { compile } from '../../targets/compile.ts'
import { EXIT, printJson, readJson, reportIssues, type CliIo } from '../io.ts'

/**
 * `veriflow export --target <target> <flow.json>`: the provider payload on stdout; validation
 * and compile issues on stderr. Nothing is printed on stdout when there are errors.
 */
export async function exportCommand(
  io: CliIo,
  file: string,
  opts: { target: TargetName; json?: boolean },
): Promise<number> {
  const result = compile(await readJson(io, file), opts.target)
  const code = reportIssues(io, result.issues, opts.json === true)
  if (code === EXIT.ok && result.payload !== null) printJson(io, result.payload)
  return code
}
