import { describe, expect, it } from 'vitest'
import {
  EMPTY_FILTER,
  auditQuery,
  filterFromQuery,
  filterToQuery,
  isFiltered,
  rangeProblem,
  sameFilter,
} from './audit-filter.ts'

describe('audit filter and the URL', () => {
  it('reads each filter from the query and ignores what is not a single valid value', () => {
    expect(
      filterFromQuery({
        actor: ' ana@example.test ',
        action: 'flow.published',
        targetType: ['flow', 'user'],
        targetId: undefined,
        from: '2026-11-01',
        to: '2026-02-30',
        other: 'x',
      }),
    ).toEqual({
      ...EMPTY_FILTER,
      actor: 'ana@example.test',
      action: 'flow.published',
      from: '2026-11-01',
    })
  })

  it('writes only the filters in use, so the URL round-trips', () => {
    const filter = { ...EMPTY_FILTER, targetType: 'session', targetId: ' s1 ', to: '2026-11-02' }
    const query = filterToQuery(filter)
    expect(query).toEqual({
      actor: undefined,
      action: undefined,
      targetType: 'session',
      targetId: 's1',
      from: undefined,
      to: '2026-11-02',
    })
    expect(sameFilter(filterFromQuery(query), filter)).toBe(true)
    expect(isFiltered(filter)).toBe(true)
    expect(isFiltered(EMPTY_FILTER)).toBe(false)
  })

  it('asks the API for whole local days, the end day included', () => {
    const query = auditQuery({
      ...EMPTY_FILTER,
      actor: ' ana ',
      from: '2026-11-01',
      to: '2026-11-03',
    })
    expect(query).toEqual({
      actor: 'ana',
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 4).toISOString(),
    })
    expect(auditQuery(EMPTY_FILTER)).toEqual({})
  })

  it('says when the range ends before it starts', () => {
    expect(rangeProblem({ ...EMPTY_FILTER, from: '2026-11-03', to: '2026-11-01' })).toMatch(
      /before the start/,
    )
    expect(rangeProblem({ ...EMPTY_FILTER, from: '2026-11-01', to: '2026-11-01' })).toBeNull()
  })
})
