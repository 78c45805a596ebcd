import { describe, expect, it } from 'vitest'
import { dayOf, isRangeBound, parseDay, rangeQuery, resolvePeriod, resolveRange } from './period.ts'

/** Local time, as the browser shows it: the tests hold in any time zone. */
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min)

describe('resolvePeriod', () => {
  // Wednesday 11 March 2026, 15:30.
  const now = at(2026, 3, 11, 15, 30)

  it('today is from midnight to the next midnight', () => {
    expect(resolvePeriod('today', now)).toEqual({ from: at(2026, 3, 11), to: at(2026, 3, 12) })
  })

  it('the last 7 and 30 days include today', () => {
    expect(resolvePeriod('7d', now)).toEqual({
      from: at(2026, 3, 5),
      to: at(2026, 3, 12),
    })
    expect(resolvePeriod('30d', now)).toEqual({
      from: at(2026, 2, 10),
      to: at(2026, 3, 12),
    })
  })

  it('a week starts on Monday, also when today is Sunday or Monday', () => {
    expect(resolvePeriod('this-week', now)).toEqual({ from: at(2026, 3, 9), to: at(2026, 3, 16) })
    expect(resolvePeriod('this-week', at(2026, 3, 15, 23, 59)).from).toEqual(at(2026, 3, 9))
    expect(resolvePeriod('this-week', at(2026, 3, 16, 0, 1)).from).toEqual(at(2026, 3, 16))
  })

  it('this month runs to the first of the next, across a year end', () => {
    expect(resolvePeriod('this-month', now)).toEqual({ from: at(2026, 3, 1), to: at(2026, 4, 1) })
    expect(resolvePeriod('this-month', at(2026, 12, 31, 23))).toEqual({
      from: at(2026, 12, 1),
      to: at(2027, 1, 1),
    })
  })

  it('counts days across a month boundary and a leap day', () => {
    expect(resolvePeriod('7d', at(2028, 3, 2)).from).toEqual(at(2028, 2, 25))
    expect(resolvePeriod('30d', at(2028, 3, 1)).from).toEqual(at(2028, 2, 1))
  })
})

describe('custom ranges', () => {
  it('parses real days only', () => {
    expect(parseDay('2026-02-28')).toEqual(at(2026, 2, 28))
    expect(parseDay('2026-02-30')).toBeUndefined()
    expect(parseDay('2026-2-3')).toBeUndefined()
    expect(parseDay('yesterday')).toBeUndefined()
  })

  it('accepts days and ISO date-times as bounds, nothing else', () => {
    expect(isRangeBound('2026-03-01')).toBe(true)
    expect(isRangeBound('2026-03-01T10:00:00.000Z')).toBe(true)
    expect(isRangeBound('2026-03-01T10:00:00+04:00')).toBe(true)
    expect(isRangeBound('2026-03-01T10:00')).toBe(false)
    expect(isRangeBound('March 1')).toBe(false)
    expect(isRangeBound('2026-13-01')).toBe(false)
  })

  it('makes a "to" day inclusive: it ends at the next midnight', () => {
    expect(resolveRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({
      from: at(2026, 3, 1),
      to: at(2026, 4, 1),
    })
  })

  it('takes date-times as they are and leaves out missing or broken bounds', () => {
    expect(resolveRange({ from: '2026-03-01T10:00:00.000Z' })).toEqual({
      from: new Date('2026-03-01T10:00:00.000Z'),
    })
    expect(resolveRange({ to: 'soon' })).toEqual({})
  })

  it('lets a preset win over custom bounds', () => {
    const now = at(2026, 3, 11, 9)
    expect(resolveRange({ period: 'today', from: '2020-01-01' }, now)).toEqual({
      from: at(2026, 3, 11),
      to: at(2026, 3, 12),
    })
  })

  it('gives the API ISO date-times', () => {
    const now = at(2026, 3, 11, 9)
    expect(rangeQuery({ period: 'today' }, now)).toEqual({
      from: at(2026, 3, 11).toISOString(),
      to: at(2026, 3, 12).toISOString(),
    })
    expect(rangeQuery({}, now)).toEqual({})
  })

  it('writes a Date as its local day', () => {
    expect(dayOf(at(2026, 1, 5, 23, 59))).toBe('2026-01-05')
  })
})
