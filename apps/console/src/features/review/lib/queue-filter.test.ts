import { describe, expect, it } from 'vitest'
import { queueFilterOf } from './queue-filter.ts'

const FLOW = '6f0c1a52-3c1e-4d7e-9a51-2d0b8c1f4e11'

describe('queueFilterOf', () => {
  it('keeps the keys the list filters on, one valid value each', () => {
    expect(
      queueFilterOf({
        status: 'completed',
        decision: ['none', 'approved'],
        q: '',
        view: 'needs-review',
        cursor: 'abc',
        flowId: FLOW,
        outcome: 'nonsense',
      }),
    ).toEqual({ status: 'completed', decision: 'none', flowId: FLOW })
  })

  it('asks for what the list showed: days as date-times, the end day included', () => {
    const filter = queueFilterOf({ from: '2026-03-01', to: '2026-03-31', test: 'false' })
    expect(filter.test).toBe('false')
    expect(new Date(filter.from!).getDate()).toBe(1)
    expect(new Date(filter.to!).getDate()).toBe(1)
    expect(new Date(filter.to!).getMonth()).toBe(3)
  })

  it('resolves a preset period against now', () => {
    const filter = queueFilterOf({ period: 'today' }, new Date(2026, 2, 5, 15, 0))
    expect(new Date(filter.from!)).toEqual(new Date(2026, 2, 5))
  })
})
