import { describe, expect, it } from 'vitest'
import { absoluteTime, relativeTime } from './relative-time.ts'

const now = Date.parse('2026-11-22T12:00:00.000Z')
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString()

describe('relativeTime', () => {
  it('reads like people talk', () => {
    expect(relativeTime(ago(10), now)).toBe('just now')
    expect(relativeTime(ago(5 * 60), now)).toBe('5 minutes ago')
    expect(relativeTime(ago(3 * 3600), now)).toBe('3 hours ago')
    expect(relativeTime(ago(26 * 3600), now)).toBe('yesterday')
    expect(relativeTime(ago(15 * 86400), now)).toBe('2 weeks ago')
    expect(relativeTime(ago(400 * 86400), now)).toBe('last year')
  })

  it('is empty for a broken timestamp', () => {
    expect(relativeTime('not a date', now)).toBe('')
    expect(absoluteTime('not a date')).toBe('')
  })
})
