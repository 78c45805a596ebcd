import { describe, expect, it } from 'vitest'
import type { Flow } from '../../flow.schema.ts'
import { compile } from '../compile.ts'
import { compileForSandbox } from './compile.ts'

function sandboxFlow(): Flow {
  return {
    schemaVersion: 1,
    name: 'Sandbox',
    languages: ['en', 'ka'],
    settings: { theme: 'dark', qr: { allow: true } },
    steps: [
      {
        id: 's_doc',
        type: 'identity-document',
        key: 'identity-document',
        flags: { document_countries: ['GEO'] },
      },
      {
        id: 's_form',
        type: 'user-questionnaire',
        key: 'form',
        title: { en: 'Form', ka: 'ფორმა' },
        questions: [
          {
            id: 'q_a',
            type: 'options',
            key: 'a',
            options: [
              { id: 'o_1', key: 'one' },
              { id: 'o_2', key: 'two' },
            ],
          },
          {
            id: 'q_b',
            type: 'string',
            key: 'b',
            showWhen: {
              any: [
                { question: 'q_a', op: 'in', value: ['o_1', 'o_2'] },
                { question: 'q_a', op: 'answered' },
              ],
            },
          },
        ],
      },
    ],
    targets: { sandbox: { enabled: true } },
  }
}

describe('compileForSandbox', () => {
  it('gives the flow itself as the payload, with everything Identomat cannot express kept', () => {
    const flow = sandboxFlow()
    const result = compile(flow, 'sandbox')
    expect(result.issues).toEqual([])
    expect(result.payload).toEqual(sandboxFlow())
  })

  it('gives a copy: changing the payload does not change the flow', () => {
    const flow = sandboxFlow()
    const payload = compile(flow, 'sandbox').payload!
    expect(payload).not.toBe(flow)
    ;(
      payload.steps[0] as { flags: { document_countries: string[] } }
    ).flags.document_countries.push('USA')
    payload.name = 'changed'
    expect(flow).toEqual(sandboxFlow())
  })

  it('reports a video-call step at its path and gives no payload', () => {
    const flow: Flow = {
      ...sandboxFlow(),
      steps: [...sandboxFlow().steps, { id: 's_vc', type: 'video-call', key: 'video-call' }],
    }
    const result = compile(flow, 'sandbox')
    expect(result.payload).toBeNull()
    expect(result.issues).toEqual([
      {
        path: '/steps/2',
        code: 'TARGET_UNSUPPORTED_STEP',
        message: expect.any(String),
        severity: 'error',
      },
    ])
  })

  it('reports every video-call step', () => {
    const flow: Flow = {
      ...sandboxFlow(),
      steps: [
        { id: 's_vc1', type: 'video-call', key: 'call-1' },
        { id: 's_mail', type: 'email', key: 'require_email' },
        { id: 's_vc2', type: 'video-call', key: 'call-2', flags: { nameRequired: true } },
      ],
    }
    expect(compileForSandbox(flow).issues.map((i) => [i.path, i.code])).toEqual([
      ['/steps/0', 'TARGET_UNSUPPORTED_STEP'],
      ['/steps/2', 'TARGET_UNSUPPORTED_STEP'],
    ])
  })
})
