import { describe, expect, it } from 'vitest'
import { sessionDetail } from '../test-support.ts'
import { flowPath } from './flow-path.ts'

describe('flowPath', () => {
  it('marks collected, reached and unreached steps, and the reviewer’s own', () => {
    const { steps } = sessionDetail()
    const withLiveness = [
      ...steps.slice(0, 2),
      {
        stepId: 's_live',
        type: 'liveness' as const,
        key: 'l',
        title: 'Selfie',
        collected: false,
        media: [],
      },
      {
        stepId: 's_mail',
        type: 'email' as const,
        key: 'm',
        title: 'Email',
        collected: false,
        media: [],
      },
      steps[2]!,
    ]
    const path = flowPath(withLiveness, [
      { id: '1', at: '', type: 'step.reached', actor: null, data: { stepId: 's_live' } },
    ])
    expect(path.map((p) => [p.stepId, p.state])).toEqual([
      ['s_doc', 'collected'],
      ['s_form', 'collected'],
      ['s_live', 'reached'],
      ['s_mail', 'not-reached'],
      ['s_ops', 'to-fill'],
    ])
    const filled = flowPath([{ ...steps[2]!, collected: true }], [])
    expect(filled[0]?.state).toBe('filled')
  })
})
