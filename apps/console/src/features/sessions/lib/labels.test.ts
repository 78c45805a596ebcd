import { describe, expect, it } from 'vitest'
import {
  decisionCell,
  formatCount,
  formatDateTime,
  formatShortDateTime,
  loadedSummary,
  versionLabel,
} from './labels.ts'
import { filterSummary } from './filter-summary.ts'

describe('list labels', () => {
  it('shows a decision, a pending four-eyes proposal, or nothing', () => {
    expect(decisionCell({ decision: 'rejected', decisionPending: false })).toEqual({
      label: 'Rejected',
      tone: 'danger',
    })
    expect(decisionCell({ decision: null, decisionPending: true })).toEqual({
      label: 'Pending confirmation',
      tone: 'accent',
    })
    expect(decisionCell({ decision: null, decisionPending: false })).toBeNull()
  })

  it('calls a draft session "test"', () => {
    expect(versionLabel(null)).toBe('test')
    expect(versionLabel(12)).toBe('v12')
  })

  it('counts what is loaded without inventing a total', () => {
    expect(loadedSummary(50, true)).toBe('50 sessions loaded, more below')
    expect(loadedSummary(1, false)).toBe('1 session')
    expect(loadedSummary(12_345, false)).toBe('12,345 sessions')
    expect(formatCount(100_000)).toBe('100,000')
  })
})

describe('filterSummary', () => {
  it('says the filter in words, with names for ids', () => {
    expect(
      filterSummary(
        {
          status: 'completed',
          decision: 'none',
          flowId: 'f',
          version: 2,
          test: false,
          period: '7d',
          decidedBy: 'u',
        },
        { flowName: () => 'Seller onboarding', reviewerName: () => 'Rita Reviewer' },
      ),
    ).toEqual([
      'Status: Completed',
      'Decision: Not decided',
      'Reviewer: Rita Reviewer',
      'Flow: Seller onboarding',
      'Version: v2',
      'Live only',
      'Created: Last 7 days',
    ])
  })

  it('never shows a raw id', () => {
    expect(filterSummary({ flowId: 'abc', decidedBy: 'def' })).toEqual([
      'Reviewer: another reviewer',
      'Flow: another flow',
    ])
  })

  it('describes custom dates', () => {
    expect(filterSummary({ from: '2026-03-01', to: '2026-03-31' })).toEqual([
      'Created: 2026-03-01 to 2026-03-31',
    ])
    expect(filterSummary({ to: '2026-03-31' })).toEqual(['Created: until 2026-03-31'])
  })
})

describe('dates in the list', () => {
  it('leaves out the year of this year’s sessions', () => {
    const now = new Date(2026, 5, 1)
    const iso = new Date(2026, 2, 12, 14, 5).toISOString()
    expect(formatShortDateTime(iso, now)).toBe('12 Mar, 14:05')
    expect(formatDateTime(iso)).toBe('12 Mar 2026, 14:05')
    expect(formatShortDateTime(new Date(2025, 11, 31, 9, 0).toISOString(), now)).toBe(
      '31 Dec 2025, 09:00',
    )
    expect(formatShortDateTime('not a date', now)).toBe('')
  })
})
