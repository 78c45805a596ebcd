import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pointer, pointerResolves } from './json-pointer.ts'
import { choice, flagStep, flow, questionnaire, text } from './test-support/flows.ts'
import { validateFlow } from './validate.ts'

/** Checks the contract of every result: paths resolve, severities are known, `valid` matches. */
function checkResult(doc: unknown) {
  const result = validateFlow(doc)
  for (const issue of result.issues) {
    expect(pointerResolves(doc, issue.path), `${issue.code} at ${issue.path} resolves`).toBe(true)
    expect(['error', 'warning']).toContain(issue.severity)
    expect(issue.code).toMatch(/^[A-Z][A-Z0-9_]+$/)
    expect(typeof issue.message).toBe('string')
  }
  expect(result.valid).toBe(!result.issues.some((issue) => issue.severity === 'error'))
  return result
}

describe('validateFlow', () => {
  it('accepts a minimal flow', () => {
    const result = validateFlow({
      schemaVersion: 1,
      name: 'x',
      languages: ['en'],
      steps: [{ id: 's1', type: 'email', key: 'email' }],
    })
    expect(result).toEqual({ valid: true, issues: [] })
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['zero', 0],
    ['a string', 'flow'],
    ['a boolean', true],
    ['an array', []],
    ['an array of flows', [flow()]],
  ])('rejects %s at the root without throwing', (_, doc) => {
    const result = checkResult(doc)
    expect(result.valid).toBe(false)
    expect(result.issues).toEqual([
      { path: '', code: 'SCHEMA_TYPE', message: expect.any(String), severity: 'error' },
    ])
  })

  it('rejects an empty object', () => {
    const result = checkResult({})
    expect(result.valid).toBe(false)
    expect(result.issues.map((i) => i.code)).toEqual([
      'SCHEMA_REQUIRED',
      'SCHEMA_REQUIRED',
      'SCHEMA_REQUIRED',
      'SCHEMA_REQUIRED',
    ])
  })

  it('rejects steps that are not a list', () => {
    for (const steps of [5, 'steps', {}, null, { 0: flagStep('s', 'email') }]) {
      const result = checkResult({ steps })
      expect(result.valid).toBe(false)
      expect(result.issues).toContainEqual(
        expect.objectContaining({ path: '/steps', code: 'SCHEMA_TYPE' }),
      )
    }
  })

  it('reports steps that are null or not objects, one issue each', () => {
    const doc = flow([null, 5, 'email', [], true, flagStep('s_ok', 'email')])
    const result = checkResult(doc)
    expect(result.valid).toBe(false)
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['/steps/0', 'SCHEMA_TYPE'],
      ['/steps/1', 'SCHEMA_TYPE'],
      ['/steps/2', 'SCHEMA_TYPE'],
      ['/steps/3', 'SCHEMA_TYPE'],
      ['/steps/4', 'SCHEMA_TYPE'],
    ])
  })

  it('reports questions that are not objects, and questions that are not a list', () => {
    const doc = flow([
      questionnaire('s_1', [null, 'q', 7, [text('q_x')], text('q_ok')]),
      questionnaire('s_2', 5 as never),
      questionnaire('s_3', { q_1: text('q_1') } as never),
    ])
    const result = checkResult(doc)
    expect(result.valid).toBe(false)
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['/steps/0/questions/0', 'SCHEMA_TYPE'],
      ['/steps/0/questions/1', 'SCHEMA_TYPE'],
      ['/steps/0/questions/2', 'SCHEMA_TYPE'],
      ['/steps/0/questions/3', 'SCHEMA_TYPE'],
      ['/steps/1/questions', 'SCHEMA_TYPE'],
      ['/steps/2/questions', 'SCHEMA_TYPE'],
    ])
  })

  it.each([
    ['a number', 5],
    ['a string', 'q_1 equals o_1'],
    ['null', null],
    ['a list', [{ question: 'q_1', op: 'answered' }]],
    ['a group that is not a list', { all: { question: 'q_1', op: 'answered' } }],
    ['a clause that is not an object', { any: ['q_1', null, 3] }],
    ['a clause without question or op', { all: [{}] }],
    ['a clause with a numeric question', { all: [{ question: 1, op: 'answered' }] }],
    ['a clause with a numeric value', { all: [{ question: 'q_1', op: 'equals', value: 1 }] }],
    ['a clause with a list of numbers', { all: [{ question: 'q_1', op: 'in', value: [1, null] }] }],
    ['an unknown group', { none: [{ question: 'q_1', op: 'answered' }] }],
  ])('reports a showWhen that is %s without throwing', (_, showWhen) => {
    const doc = flow([
      questionnaire('s_q', [choice('q_1', ['o_1']), text('q_2', { showWhen: showWhen as never })]),
    ])
    const result = checkResult(doc)
    expect(result.valid).toBe(false)
    for (const issue of result.issues)
      expect(issue.path.startsWith('/steps/0/questions/1/showWhen')).toBe(true)
  })

  it('survives malformed fields everywhere', () => {
    const docs: unknown[] = [
      flow([flagStep('s_1', 'identity-document', { flags: 5 })], {
        settings: 5,
        targets: 5,
        languages: 5,
      }),
      flow([flagStep('s_1', 'liveness', { flags: null })], {
        settings: null,
        targets: { identomat: 5, iab: null },
      }),
      flow(
        [questionnaire('s_q', [choice('q_1', [], { options: 5 as never, answer: {} as never })])],
        { languages: [5, null] },
      ),
      flow([
        questionnaire('s_q', [choice('q_1', [], { options: [null, 'o', { id: 5 }] as never })]),
      ]),
      flow(undefined, { targets: { identomat: { enabled: true, legacyFlags: 5 } } }),
      flow(undefined, {
        targets: { identomat: { enabled: true, legacyFlags: { document_countries: 'GEO' } } },
      }),
      JSON.parse(
        '{"schemaVersion":1,"name":"x","languages":["en"],"steps":[],"__proto__":{"steps":5}}',
      ),
    ]
    for (const doc of docs) expect(checkResult(doc).valid).toBe(false)
  })

  it('is valid with warnings only, and invalid as soon as one issue is an error', () => {
    const warnings = checkResult(flow([]))
    expect(warnings).toEqual({
      valid: true,
      issues: [expect.objectContaining({ code: 'FLOW_EMPTY', severity: 'warning' })],
    })
    const errors = checkResult(flow([], { settings: { returnUrl: 'javascript:alert(1)' } }))
    expect(errors.valid).toBe(false)
    expect(errors.issues.map((i) => [i.code, i.severity])).toEqual([
      ['URL_INVALID', 'error'],
      ['FLOW_EMPTY', 'warning'],
    ])
  })

  it('never throws on arbitrary JSON and keeps its contract', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        checkResult(doc)
      }),
      { numRuns: 300 },
    )
  })
})

const EXAMPLES = new URL('../../../examples/flows/', import.meta.url)
const exampleFiles = (() => {
  try {
    return readdirSync(EXAMPLES).filter((name) => name.endsWith('.json'))
  } catch {
    return []
  }
})()

/** Every JSON pointer into `value`, the root included. */
function allPointers(value: unknown, tokens: Array<string | number> = []): string[] {
  const here = [pointer(...tokens)]
  if (Array.isArray(value))
    return here.concat(...value.map((v, i) => allPointers(v, [...tokens, i])))
  if (value !== null && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => allPointers(v, [...tokens, k])))
  return here
}

/** A copy of `doc` with the value at `path` (not the root) replaced. */
function replaceAt(doc: unknown, path: string, replacement: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>
  const tokens = path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
  let node: Record<string, unknown> = copy
  for (const token of tokens.slice(0, -1)) node = node[token] as Record<string, unknown>
  node[tokens.at(-1)!] = replacement
  return copy
}

describe.skipIf(exampleFiles.length === 0)('example flows', () => {
  const examples = exampleFiles.map(
    (name) => [name, JSON.parse(readFileSync(new URL(name, EXAMPLES), 'utf8')) as unknown] as const,
  )

  it.each(examples)('%s is valid', (_, doc) => {
    const result = checkResult(doc)
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('never throws when any value of an example is replaced by arbitrary JSON', () => {
    const docs = examples.map(([, doc]) => ({ doc, pointers: allPointers(doc).slice(1) }))
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 3 }), (d, p, junk) => {
        const { doc, pointers } = docs[d % docs.length]!
        checkResult(replaceAt(doc, pointers[p % pointers.length]!, junk))
      }),
      { numRuns: 500 },
    )
  })
})
