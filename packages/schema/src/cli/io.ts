import { readFile } from 'node:fs/promises'
import type { Issue } from '../issue.ts'

/** Exit codes of the `veriflow` CLI. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const

/** A problem with the invocation or the input file itself (exit 2, one-line reason). */
export class UsageError extends Error {}

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readInput: (file: string) => Promise<string>
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readInput: async (file) => {
    if (file !== '-') return readFile(file, 'utf8')
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
}

/** Keeps one report on one line: line breaks (from user text in messages or paths) become `\n`. */
function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, '\\n')
}

/** Reads and parses a JSON file (`-` is standard input); unreadable or non-JSON is a UsageError. */
export async function readJson(io: CliIo, file: string): Promise<unknown> {
  let text: string
  try {
    text = await io.readInput(file)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new UsageError(
      oneLine(`cannot read ${file === '-' ? 'standard input' : `"${file}"`} (${reason})`),
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(oneLine(`"${file}" is not JSON: ${(error as Error).message}`))
  }
}

/** `<path>  <CODE>  <message>`, one line per issue; warnings say so. */
export function formatIssue(issue: Issue): string {
  const message = issue.severity === 'warning' ? `warning: ${issue.message}` : issue.message
  return oneLine(`${issue.path || '(root)'}  ${issue.code}  ${message}`)
}

/**
 * Reports issues (lines on stderr, or JSON on stderr with `--json`) and returns the exit code:
 * 1 when any issue is an error, otherwise 0.
 */
export function reportIssues(io: CliIo, issues: readonly Issue[], json: boolean): number {
  if (json) io.stderr(JSON.stringify({ issues }, null, 2) + '\n')
  else for (const issue of issues) io.stderr(formatIssue(issue) + '\n')
  return issues.some((issue) => issue.severity === 'error') ? EXIT.invalid : EXIT.ok
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}
