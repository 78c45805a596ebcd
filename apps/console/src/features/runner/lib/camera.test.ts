import { describe, expect, it } from 'vitest'
import { cameraProblemOf } from './camera.ts'

describe('cameraProblemOf', () => {
  it('tells a refusal from a missing camera', () => {
    expect(cameraProblemOf({ name: 'NotAllowedError' })).toBe('denied')
    expect(cameraProblemOf({ name: 'SecurityError' })).toBe('denied')
    expect(cameraProblemOf({ name: 'NotFoundError' })).toBe('unavailable')
    expect(cameraProblemOf({ name: 'NotReadableError' })).toBe('unavailable')
    expect(cameraProblemOf({ name: 'OverconstrainedError' })).toBe('unavailable')
    expect(cameraProblemOf(undefined)).toBe('unavailable')
  })
})
