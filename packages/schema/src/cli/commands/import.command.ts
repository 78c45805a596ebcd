import { importFromIdentomat } from '../../targets/identomat/import.ts'
import { EXIT, printJson, readJson, reportIssues, type CliIo } from '../io.ts'

/**
 * `veriflow import --from identomat <payload.json>`: the flow document on stdout; issues (with
 * paths into the payload) on stderr. Nothing is printed on stdout when there are errors.
 */
export async function importCommand(
  io: CliIo,
  file: string,
  opts: { from: string; name?: string; json?: boolean },
): Promise<number> {
  const result = importFromIdentomat(await readJson(io, file), { name: opts.name })
  const code = reportIssues(io, result.issues, opts.json === true)
  if (code === EXIT.ok) printJson(io, result.flow)
  return code
}
