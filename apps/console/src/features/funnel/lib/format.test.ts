import { describe, expect, it } from 'vitest'
import { formatCount, formatDuration, formatPercent } from './format.ts'

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [0.4, 'under 1 s'],
    [1, '1 s'],
    [45.4, '45 s'],
    [59.6, '1 min'],
    [80, '1 min 20 s'],
    [120, '2 min'],
    [3599, '59 min 59 s'],
    [3600, '1 h'],
    [3_900, '1 h 5 min'],
    [3_959, '1 h 5 min'],
    [86_400, '1 d'],
    [2 * 86_400 + 3 * 3_600 + 59, '2 d 3 h'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })

  it('shows a dash without a usable value', () => {
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(undefined)).toBe('—')
    expect(formatDuration(Number.NaN)).toBe('—')
    expect(formatDuration(-5)).toBe('—')
  })
})

describe('numbers', () => {
  it('groups thousands', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(100_000)).toBe('100,000')
  })

  it('gives shares with at most one decimal, and a dash for nothing to divide by', () => {
    expect(formatPercent(1, 8)).toBe('12.5%')
    expect(formatPercent(1, 3)).toBe('33.3%')
    expect(formatPercent(5, 5)).toBe('100%')
    expect(formatPercent(0, 7)).toBe('0%')
    expect(formatPercent(0, 0)).toBe('—')
  })
})
