import { describe, expect, it } from 'vitest'
import {
  apiQueryOf,
  filterFromQuery,
  filterFromSaved,
  isFiltered,
  queryFromFilter,
  routeQueryOf,
  sameFilter,
  withFilter,
} from './session-filter.ts'

const FLOW = '6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6'
const USER = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff'

describe('URL → filter', () => {
  it('reads every key the API knows, with its type', () => {
    expect(
      filterFromQuery({
        status: 'completed',
        outcome: 'review_needed',
        decision: 'pending',
        flowId: FLOW,
        version: '3',
        target: 'sandbox',
        test: 'false',
        from: '2026-03-01',
        to: '2026-03-31',
        q: ' seller-42 ',
        decidedBy: USER,
      }),
    ).toEqual({
      status: 'completed',
      outcome: 'review_needed',
      decision: 'pending',
      flowId: FLOW,
      version: 3,
      target: 'sandbox',
      test: false,
      from: '2026-03-01',
      to: '2026-03-31',
      q: 'seller-42',
      decidedBy: USER,
    })
  })

  it('drops what the API would refuse instead of failing the whole list', () => {
    expect(
      filterFromQuery({
        status: 'finished',
        decision: 'maybe',
        flowId: 'not-a-uuid',
        version: '0',
        target: 'acme',
        test: 'yes',
        period: 'someday',
        from: 'March',
        unknown: 'x',
      }),
    ).toEqual({})
  })

  it('takes the first of a repeated key and ignores empty ones', () => {
    expect(filterFromQuery({ status: ['expired', 'completed'], outcome: '', q: null })).toEqual({
      status: 'expired',
    })
  })

  it('lets a period win over from/to', () => {
    expect(filterFromQuery({ period: 'this-week', from: '2026-01-01', to: '2026-01-31' })).toEqual({
      period: 'this-week',
    })
  })

  it('reads a saved view given as an object or as a query string', () => {
    expect(filterFromSaved({ status: 'completed', decision: 'none' })).toEqual({
      status: 'completed',
      decision: 'none',
    })
    expect(filterFromSaved('?decision=rejected&period=this-week')).toEqual({
      decision: 'rejected',
      period: 'this-week',
    })
    expect(filterFromSaved(null)).toEqual({})
  })
})

describe('filter → URL', () => {
  it('writes keys in a fixed order and leaves out empty ones', () => {
    const query = queryFromFilter({ q: 'u1', decision: 'none', status: 'completed', version: 2 })
    expect(Object.keys(query)).toEqual(['status', 'decision', 'version', 'q'])
    expect(query).toEqual({ status: 'completed', decision: 'none', version: '2', q: 'u1' })
  })

  it('round-trips through the URL unchanged', () => {
    const filter = {
      status: 'completed' as const,
      test: true,
      period: '30d' as const,
      decidedBy: USER,
    }
    expect(filterFromQuery(queryFromFilter(filter))).toEqual(filter)
  })

  it('keeps route keys that are not filters', () => {
    expect(routeQueryOf({ status: 'expired' }, { tab: 'x', status: 'completed' })).toEqual({
      tab: 'x',
      status: 'expired',
    })
  })
})

describe('changing one filter', () => {
  it('sets and clears a key', () => {
    expect(withFilter({ status: 'completed' }, 'outcome', 'passed')).toEqual({
      status: 'completed',
      outcome: 'passed',
    })
    expect(withFilter({ status: 'completed' }, 'status', '')).toEqual({})
  })

  it('drops the version when the flow changes, keeps it otherwise', () => {
    expect(withFilter({ flowId: FLOW, version: 2 }, 'flowId', USER)).toEqual({ flowId: USER })
    expect(withFilter({ flowId: FLOW, version: 2 }, 'status', 'completed')).toEqual({
      flowId: FLOW,
      version: 2,
      status: 'completed',
    })
  })

  it('makes a period and custom dates exclude each other', () => {
    expect(withFilter({ from: '2026-01-01' }, 'period', 'today')).toEqual({ period: 'today' })
    expect(withFilter({ period: 'today' }, 'from', '2026-01-01')).toEqual({ from: '2026-01-01' })
  })
})

describe('comparing filters', () => {
  it('ignores key order and blanks', () => {
    expect(
      sameFilter(
        { status: 'completed', decision: 'none' },
        { decision: 'none', status: 'completed', q: '' },
      ),
    ).toBe(true)
    expect(sameFilter({ status: 'completed' }, { status: 'completed', decision: 'none' })).toBe(
      false,
    )
    expect(sameFilter({ test: false }, {})).toBe(false)
  })

  it('knows an empty filter', () => {
    expect(isFiltered({})).toBe(false)
    expect(isFiltered({ q: '' })).toBe(false)
    expect(isFiltered({ test: false })).toBe(true)
  })
})

describe('the API query', () => {
  it('resolves the period to from/to and never sends it', () => {
    const now = new Date(2026, 2, 11, 15, 30)
    const query = apiQueryOf({ decision: 'rejected', period: 'today' }, now)
    expect(query).toEqual({
      decision: 'rejected',
      from: new Date(2026, 2, 11).toISOString(),
      to: new Date(2026, 2, 12).toISOString(),
    })
    expect(query).not.toHaveProperty('period')
  })

  it('sends days as date-times and trims the search', () => {
    expect(apiQueryOf({ from: '2026-03-01', to: '2026-03-01', q: '  u-7 ' })).toEqual({
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 2, 2).toISOString(),
      q: 'u-7',
    })
    expect(apiQueryOf({ q: '   ', test: true, version: 4 })).toEqual({ test: true, version: 4 })
  })
})
