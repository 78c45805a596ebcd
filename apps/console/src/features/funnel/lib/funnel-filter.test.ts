import { describe, expect, it } from 'vitest'
import {
  funnelApiQuery,
  funnelFilterFromQuery,
  funnelQueryOf,
  sameFunnelFilter,
} from './funnel-filter.ts'

const FLOW = '6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6'

describe('funnel URL', () => {
  it('reads flow, version, target and range; drops the rest', () => {
    expect(
      funnelFilterFromQuery({
        flowId: FLOW,
        version: '2',
        target: 'sandbox',
        period: '30d',
        from: '2026-01-01',
        extra: 'x',
      }),
    ).toEqual({ flowId: FLOW, version: 2, target: 'sandbox', period: '30d' })
    expect(
      funnelFilterFromQuery({ flowId: 'nope', version: '0', target: 'x', from: '2026-01-01' }),
    ).toEqual({ from: '2026-01-01' })
  })

  it('writes the URL and compares filters by it', () => {
    expect(
      funnelQueryOf({ version: 3, flowId: FLOW, period: 'today', from: '2026-01-01' }),
    ).toEqual({ flowId: FLOW, version: '3', period: 'today' })
    expect(sameFunnelFilter({ flowId: FLOW, version: 1 }, { version: 1, flowId: FLOW })).toBe(true)
    expect(sameFunnelFilter({ flowId: FLOW, version: 1 }, { flowId: FLOW, version: 2 })).toBe(false)
  })

  it('gives the API a resolved range and the target only', () => {
    const now = new Date(2026, 2, 11, 12)
    expect(
      funnelApiQuery({ flowId: FLOW, version: 1, period: 'today', target: 'iab' }, now),
    ).toEqual({
      from: new Date(2026, 2, 11).toISOString(),
      to: new Date(2026, 2, 12).toISOString(),
      target: 'iab',
    })
    expect(funnelApiQuery({ flowId: FLOW, version: 1 }, now)).toEqual({})
  })
})
