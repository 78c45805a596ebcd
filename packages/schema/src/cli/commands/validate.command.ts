import { validateFlow } from '../../validate.ts'
import { EXIT, readJson, reportIssues, type CliIo } from '../io.ts'

/** `veriflow validate <flow.json>`: schema and rules; exit 1 on errors. */
export async function validateCommand(
  io: CliIo,
  file: string,
  opts: { json?: boolean },
): Promise<number> {
  const result = validateFlow(await readJson(io, file))
  if (opts.json) {
    io.stdout(JSON.stringify({ valid: result.valid, issues: result.issues }, null, 2) + '\n')
    return result.valid ? EXIT.ok : EXIT.invalid
  }
  const code = reportIssues(io, result.issues, false)
  const warnings = result.issues.filter((i) => i.severity === 'warning').length
  const errors = result.issues.length - warnings
  io.stdout(
    result.valid
      ? `valid (${warnings} warning${warnings === 1 ? '' : 's'})\n`
      : `invalid: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
  )
  return code
}
