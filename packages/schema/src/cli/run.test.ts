import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { Flow } from '../flow.schema.ts'
import { TARGET_NAMES } from '../targets.schema.ts'
import { compile } from '../targets/compile.ts'
import { validateFlow } from '../validate.ts'
import { formatIssue, type CliIo } from './io.ts'
import { runCli } from './run.ts'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

function enoent(file: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), {
    code: 'ENOENT',
  })
}

/** An in-memory io: files by name (`-` is standard input), and what was written. */
function memoryIo(files: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '', reads: [] as string[] }
  const io: CliIo = {
    stdout: (text) => void (out.stdout += text),
    stderr: (text) => void (out.stderr += text),
    readInput: async (file) => {
      out.reads.push(file)
      const text = files[file]
      if (text === undefined) throw enoent(file)
      return text
    },
  }
  return { io, out }
}

async function run(argv: string[], files: Record<string, string> = {}) {
  const { io, out } = memoryIo(files)
  const code = await runCli(argv, io)
  return { code, ...out, errLines: out.stderr.split('\n').filter((line) => line !== '') }
}

/** A flow every target can compile (KYC Lite with a flow code and a return URL). */
const validFlow: Flow = {
  schemaVersion: 1,
  name: 'KYC Lite',
  languages: ['en'],
  settings: { returnUrl: 'https://example.com/done' },
  steps: [
    { id: 's_doc', type: 'identity-document', key: 'identity-document' },
    { id: 's_face', type: 'liveness', key: 'liveness' },
  ],
  targets: { iab: { enabled: true, flowCode: 'KYC_LITE_WEB' } },
}

/** Two errors (duplicate step key, unknown property) and one warning (plain http). */
const invalidFlow = {
  ...validFlow,
  settings: { returnUrl: 'http://example.com/done' },
  steps: [
    { id: 's_doc', type: 'identity-document', key: 'same' },
    { id: 's_face', type: 'liveness', key: 'same', color: 'red' },
  ],
}

/** Valid, with warnings only. */
const warnedFlow = { ...validFlow, settings: { returnUrl: 'http://example.com/done' } }

const identomatPayload = {
  company_key: '<company_key>',
  flags: { language: 'en', return_url: 'https://example.com/done' },
  steps: [{ type: 'email', key: 'require_email', flags: { require_email_check: true } }],
}

const json = (value: unknown) => JSON.stringify(value)

describe('veriflow validate', () => {
  it('exits 0 for a valid flow and says so on stdout', async () => {
    const result = await run(['validate', 'flow.json'], { 'flow.json': json(validFlow) })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toBe('valid (0 warnings)\n')
    expect(result.reads).toEqual(['flow.json'])
  })

  it('exits 1 for an invalid flow with one stderr line per issue: <path>  <CODE>  <message>', async () => {
    const issues = validateFlow(invalidFlow).issues
    expect(issues.map((i) => [i.path, i.code, i.severity])).toEqual([
      ['/steps/1/color', 'SCHEMA_UNKNOWN_PROPERTY', 'error'],
      ['/steps/1/key', 'STEP_KEY_DUPLICATE', 'error'],
      ['/settings/returnUrl', 'URL_INSECURE', 'warning'],
    ])
    const result = await run(['validate', 'flow.json'], { 'flow.json': json(invalidFlow) })
    expect(result.code).toBe(1)
    expect(result.errLines).toEqual([
      `/steps/1/color  SCHEMA_UNKNOWN_PROPERTY  ${issues[0]!.message}`,
      `/steps/1/key  STEP_KEY_DUPLICATE  ${issues[1]!.message}`,
      `/settings/returnUrl  URL_INSECURE  warning: ${issues[2]!.message}`,
    ])
    expect(result.stdout).toBe('invalid: 2 errors, 1 warning\n')
  })

  it('prints (root) for an issue at the document root', async () => {
    const result = await run(['validate', 'flow.json'], { 'flow.json': '[]' })
    expect(result.code).toBe(1)
    expect(result.errLines).toEqual(validateFlow([]).issues.map(formatIssue))
    expect(result.errLines[0]).toMatch(/^\(root\) {2}SCHEMA_TYPE {2}/)
  })

  it('keeps an issue on one line when its message quotes text with line breaks', async () => {
    const flow = {
      ...validFlow,
      steps: [
        {
          id: 's_form',
          type: 'user-questionnaire',
          key: 'form',
          questions: [
            {
              id: 'q1',
              type: 'options',
              key: 'q',
              options: [{ id: 'o1', key: 'a' }],
              answer: 'two\nlines',
            },
          ],
        },
      ],
    }
    const issues = validateFlow(flow).issues
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['/steps/0/questions/0/answer', 'ANSWER_NOT_AN_OPTION'],
    ])
    expect(issues[0]!.message).toContain('\n')
    const result = await run(['validate', 'flow.json'], { 'flow.json': json(flow) })
    expect(result.code).toBe(1)
    expect(result.errLines).toEqual([
      expect.stringMatching(
        /^\/steps\/0\/questions\/0\/answer {2}ANSWER_NOT_AN_OPTION {2}.*two\\nlines/,
      ),
    ])
  })

  it('exits 0 when there are only warnings, and prints them', async () => {
    const result = await run(['validate', 'flow.json'], { 'flow.json': json(warnedFlow) })
    expect(result.code).toBe(0)
    expect(result.errLines).toEqual([
      expect.stringMatching(/^\/settings\/returnUrl {2}URL_INSECURE {2}warning: /),
    ])
    expect(result.stdout).toBe('valid (1 warning)\n')
  })

  it('prints the result as JSON with --json', async () => {
    const result = await run(['validate', '--json', 'flow.json'], {
      'flow.json': json(invalidFlow),
    })
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual({
      valid: false,
      issues: validateFlow(invalidFlow).issues,
    })
    expect(result.stderr).toBe('')
    const valid = await run(['validate', 'flow.json', '--json'], { 'flow.json': json(validFlow) })
    expect(valid.code).toBe(0)
    expect(JSON.parse(valid.stdout)).toEqual({ valid: true, issues: [] })
  })

  it('reads standard input for -', async () => {
    const result = await run(['validate', '-'], { '-': json(validFlow) })
    expect(result.code).toBe(0)
    expect(result.reads).toEqual(['-'])
  })
})

describe('veriflow: unreadable input and bad usage exit 2 with a one-line reason', () => {
  it('reports a missing file', async () => {
    const result = await run(['validate', 'missing.json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('veriflow: cannot read "missing.json" (ENOENT)\n')
    expect(result.stdout).toBe('')
  })

  it('reports unreadable standard input', async () => {
    const result = await run(['export', '--target', 'sandbox', '-'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('veriflow: cannot read standard input (ENOENT)\n')
  })

  it.each([
    ['plain text', 'hello'],
    ['an empty file', ''],
    ['JSON cut short', '{"schemaVersion": 1,'],
    ['broken JSON over several lines', '{\n  "name": hello\n  world\n}'],
  ])('reports %s as not JSON', async (_name, text) => {
    for (const argv of [
      ['validate', 'f.json'],
      ['import', '--from', 'identomat', 'f.json'],
      ['export', '--target', 'identomat', 'f.json'],
    ]) {
      const result = await run(argv, { 'f.json': text })
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/^veriflow: "f\.json" is not JSON: [^\n]+\n$/)
      expect(result.stdout).toBe('')
    }
  })

  it.each([
    ['no arguments', []],
    ['an unknown command', ['lint', 'flow.json']],
    ['export without --target', ['export', 'flow.json']],
    ['export with an unknown --target', ['export', '--target', 'onfido', 'flow.json']],
    ['import without --from', ['import', 'payload.json']],
    ['import from an unknown provider', ['import', '--from', 'trustmatic', 'payload.json']],
    ['validate without a file', ['validate']],
    ['an unknown option', ['validate', '--strict', 'flow.json']],
  ])('exits 2 for %s', async (_name, argv) => {
    const result = await run(argv, {
      'flow.json': json(validFlow),
      'payload.json': json(identomatPayload),
    })
    expect(result.code).toBe(2)
    expect(result.stderr).not.toBe('')
    expect(result.stdout).toBe('')
    expect(result.reads).toEqual([])
  })

  it('names the allowed targets when --target is wrong', async () => {
    const result = await run(['export', '--target', 'onfido', 'flow.json'])
    for (const target of TARGET_NAMES) expect(result.stderr).toContain(target)
  })

  it('exits 0 for --help and --version', async () => {
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('validate')
    const version = await run(['--version'])
    expect(version.code).toBe(0)
    expect(version.stdout).toBe('0.1.0\n')
  })
})

describe('veriflow import', () => {
  it('prints the flow document on stdout', async () => {
    const result = await run(['import', '--from', 'identomat', 'payload.json'], {
      'payload.json': json(identomatPayload),
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    const flow = JSON.parse(result.stdout) as Flow
    expect(validateFlow(flow).valid).toBe(true)
    expect(flow.name).toBe('Imported from Identomat')
    expect(flow.settings).toEqual({ returnUrl: 'https://example.com/done' })
    expect(flow.steps).toEqual([
      { id: 's1', type: 'email', key: 'require_email', flags: { require_email_check: true } },
    ])
  })

  it('names the flow with --name and reads standard input for -', async () => {
    const result = await run(['import', '--from', 'identomat', '--name', 'Email check', '-'], {
      '-': json(identomatPayload),
    })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).name).toBe('Email check')
    expect(result.reads).toEqual(['-'])
  })

  it('exits 1 with issues at paths into the payload, and prints nothing on stdout', async () => {
    const payload = {
      ...identomatPayload,
      steps: [...identomatPayload.steps, { type: 'email', key: 'require_email' }],
    }
    const result = await run(['import', '--from', 'identomat', 'payload.json'], {
      'payload.json': json(payload),
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.errLines).toEqual([
      expect.stringMatching(/^\/steps\/1\/key {2}STEP_KEY_DUPLICATE {2}/),
    ])
  })

  it('prints the issues as JSON on stderr with --json', async () => {
    const payload = { ...identomatPayload, parent_session_id: 'abc' }
    const result = await run(['import', '--from', 'identomat', '--json', 'payload.json'], {
      'payload.json': json(payload),
    })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stderr)).toEqual({
      issues: [
        {
          path: '/parent_session_id',
          code: 'IMPORT_FIELD_IGNORED',
          message: expect.any(String),
          severity: 'warning',
        },
      ],
    })
    expect(JSON.parse(result.stdout).steps).toHaveLength(1)
  })
})

describe('veriflow export', () => {
  it.each(TARGET_NAMES)('prints the %s payload on stdout', async (target) => {
    const result = await run(['export', '--target', target, 'flow.json'], {
      'flow.json': json(validFlow),
    })
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(JSON.parse(result.stdout)).toEqual(compile(validFlow, target).payload)
  })

  it('reads standard input for -', async () => {
    const result = await run(['export', '--target', 'identomat', '-'], { '-': json(validFlow) })
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).company_key).toBe('<company_key>')
  })

  it('exits 1 when the target cannot express the flow, with the issue and no payload', async () => {
    const flow = {
      ...validFlow,
      steps: [...validFlow.steps, { id: 's_vc', type: 'video-call', key: 'video-call' }],
    }
    const result = await run(['export', '--target', 'sandbox', 'flow.json'], {
      'flow.json': json(flow),
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.errLines).toEqual([
      expect.stringMatching(/^\/steps\/2 {2}TARGET_UNSUPPORTED_STEP {2}/),
    ])
  })

  it('exits 1 for an invalid flow with the validation issues', async () => {
    const result = await run(['export', '--target', 'identomat', 'flow.json'], {
      'flow.json': json(invalidFlow),
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.errLines).toEqual(validateFlow(invalidFlow).issues.map(formatIssue))
  })

  it('prints the payload despite warnings, and the warnings on stderr', async () => {
    const flow = { ...validFlow, settings: { ...validFlow.settings, theme: 'dark' } }
    const result = await run(['export', '--target', 'identomat', 'flow.json'], {
      'flow.json': json(flow),
    })
    expect(result.code).toBe(0)
    expect(result.errLines).toEqual([
      expect.stringMatching(/^\/settings\/theme {2}TARGET_UNSUPPORTED_SETTING {2}warning: /),
    ])
    expect(JSON.parse(result.stdout).flags.return_url).toBe('https://example.com/done')
  })

  it('prints the issues as JSON on stderr with --json', async () => {
    const flow = { ...validFlow, settings: {} }
    const result = await run(['export', '--target', 'trustmatic', '--json', 'flow.json'], {
      'flow.json': json(flow),
    })
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(JSON.parse(result.stderr)).toEqual({ issues: compile(flow, 'trustmatic').issues })
  })
})

describe('the veriflow binary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'veriflow-cli-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const write = (name: string, text: string) => {
    const file = join(dir, name)
    writeFileSync(file, text)
    return file
  }

  /** Runs `node packages/schema/bin/veriflow.mjs …` from the repository root. */
  function veriflow(args: string[], input?: string) {
    return new Promise<{ status: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn(process.execPath, ['packages/schema/bin/veriflow.mjs', ...args], {
          cwd: ROOT,
        })
        let stdout = ''
        let stderr = ''
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
        child.on('error', reject)
        child.on('close', (status) => resolve({ status, stdout, stderr }))
        child.stdin.end(input ?? '')
      },
    )
  }

  it('exits 0, 1 and 2, and export prints parseable JSON (reading standard input)', async () => {
    const valid = write('valid.json', json(validFlow))
    const invalid = write('invalid.json', json(invalidFlow))
    const [ok, bad, missing, exported] = await Promise.all([
      veriflow(['validate', valid]),
      veriflow(['validate', invalid]),
      veriflow(['validate', join(dir, 'missing.json')]),
      veriflow(['export', '--target', 'identomat', '-'], json(validFlow)),
    ])
    expect([ok.status, ok.stdout]).toEqual([0, 'valid (0 warnings)\n'])
    expect(bad.status).toBe(1)
    expect(bad.stderr.trim().split('\n')).toHaveLength(3)
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/^veriflow: cannot read ".*missing\.json" \(ENOENT\)\n$/)
    expect(exported.status).toBe(0)
    expect(JSON.parse(exported.stdout)).toEqual(compile(validFlow, 'identomat').payload)
  }, 60_000)
})
