import { describe, expect, it } from 'vitest'
import type { Flow } from '../flow.schema.ts'
import { TARGET_NAMES } from '../targets.schema.ts'
import { validateFlow } from '../validate.ts'
import { compile } from './compile.ts'

function validFlow(): Flow {
  return {
    schemaVersion: 1,
    name: 'Valid',
    languages: ['en'],
    settings: { returnUrl: 'https://example.com/done' },
    steps: [
      { id: 's_doc', type: 'identity-document', key: 'identity-document' },
      { id: 's_face', type: 'liveness', key: 'liveness' },
    ],
    targets: { iab: { enabled: true, flowCode: 'KYC_LITE_WEB' } },
  }
}

describe('compile', () => {
  const invalidDocs: Array<[string, unknown]> = [
    ['a flow without a name', { schemaVersion: 1, languages: ['en'], steps: [] }],
    [
      'a flow with a duplicate step key',
      {
        ...validFlow(),
        steps: [
          { id: 's1', type: 'email', key: 'k' },
          { id: 's2', type: 'email', key: 'k' },
        ],
      },
    ],
    [
      'a flow with an unknown step type',
      { ...validFlow(), steps: [{ id: 's1', type: 'selfie', key: 'k' }] },
    ],
    ['null', null],
    ['a number', 42],
    ['a list', []],
  ]

  for (const target of TARGET_NAMES) {
    it.each(invalidDocs)(
      `gives no ${target} payload for %s, and the validation issues`,
      (_name, doc) => {
        const result = compile(doc, target)
        expect(result.payload).toBeNull()
        const validation = validateFlow(doc)
        expect(validation.valid).toBe(false)
        expect(result.issues).toEqual(validation.issues)
      },
    )
  }

  it('reports the validation issues at their paths, before any target issue', () => {
    const doc = {
      ...validFlow(),
      steps: [
        { id: 's1', type: 'video-call', key: 'k' },
        { id: 's2', type: 'email', key: 'k' },
      ],
    }
    const result = compile(doc, 'sandbox')
    expect(result.payload).toBeNull()
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['/steps/1/key', 'STEP_KEY_DUPLICATE'],
    ])
  })

  it.each(TARGET_NAMES)(
    'gives a %s payload for a valid flow that the target can express',
    (target) => {
      const result = compile(validFlow(), target)
      expect(result.issues.filter((i) => i.severity === 'error')).toEqual([])
      expect(result.payload).not.toBeNull()
    },
  )

  it('returns only the target issues for a valid flow (validation warnings are not repeated)', () => {
    const flow: Flow = {
      ...validFlow(),
      settings: { returnUrl: 'http://example.com/done', theme: 'dark' },
    }
    expect(validateFlow(flow).issues.map((i) => i.code)).toEqual(['URL_INSECURE'])
    expect(compile(flow, 'identomat').issues.map((i) => [i.path, i.code])).toEqual([
      ['/settings/theme', 'TARGET_UNSUPPORTED_SETTING'],
    ])
  })

  it('nulls the payload when the target reports an error', () => {
    const flow: Flow = {
      ...validFlow(),
      steps: [{ id: 's_vc', type: 'video-call', key: 'video-call' }],
    }
    expect(compile(flow, 'sandbox')).toEqual({
      payload: null,
      issues: [
        {
          path: '/steps/0',
          code: 'TARGET_UNSUPPORTED_STEP',
          message: expect.any(String),
          severity: 'error',
        },
      ],
    })
    expect(compile(flow, 'identomat').payload).not.toBeNull()
  })

  it.each(TARGET_NAMES)('does not change the document it compiles to %s', (target) => {
    const flow = validFlow()
    compile(flow, target, {
      returnUrl: 'https://example.com/launch',
      sessionId: 'x',
      externalId: 'y',
    })
    expect(flow).toEqual(validFlow())
  })
})
