import { Command, CommanderError, Option } from 'commander'
import { TARGET_NAMES, type TargetName } from '../targets.schema.ts'
import { exportCommand } from './commands/export.command.ts'
import { importCommand } from './commands/import.command.ts'
import { validateCommand } from './commands/validate.command.ts'
import { EXIT, UsageError, processIo, type CliIo } from './io.ts'

function buildProgram(io: CliIo, done: (code: number) => void): Command {
  const program = new Command('veriflow')
    .description('Validate Veriflow flow documents and convert them to and from provider payloads.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError()
  const json = new Option('--json', 'print the issues as JSON')
  program
    .command('validate')
    .description('check a flow document against the schema and every rule')
    .argument('<flow.json>', 'the flow document ("-" for standard input)')
    .addOption(json)
    .action(async (file: string, opts: { json?: boolean }) =>
      done(await validateCommand(io, file, opts)),
    )
  program
    .command('import')
    .description('convert a provider payload into a flow document (printed on stdout)')
    .argument('<payload.json>', 'the provider payload ("-" for standard input)')
    .addOption(
      new Option('--from <provider>', "the payload's provider")
        .choices(['identomat'])
        .makeOptionMandatory(),
    )
    .option('--name <name>', 'name of the new flow', 'Imported from Identomat')
    .addOption(json)
    .action(async (file: string, opts: { from: string; name?: string; json?: boolean }) =>
      done(await importCommand(io, file, opts)),
    )
  program
    .command('export')
    .description('compile a flow document to a provider payload (printed on stdout)')
    .argument('<flow.json>', 'the flow document ("-" for standard input)')
    .addOption(
      new Option('--target <target>', 'the provider').choices(TARGET_NAMES).makeOptionMandatory(),
    )
    .addOption(json)
    .action(async (file: string, opts: { target: TargetName; json?: boolean }) =>
      done(await exportCommand(io, file, opts)),
    )
  return program
}

/**
 * Runs the CLI on `argv` (arguments after the program name) and resolves to the exit code:
 * 0 fine, 1 the document has errors, 2 unreadable input or bad usage.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.ok
  const program = buildProgram(io, (result) => (code = result))
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true })
      return EXIT.usage
    }
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage
    if (error instanceof UsageError) {
      io.stderr(`veriflow: ${error.message}\n`)
      return EXIT.usage
    }
    throw error
  }
}
