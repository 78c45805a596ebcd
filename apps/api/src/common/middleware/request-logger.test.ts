import { describe, expect, it } from 'vitest'
import { loggableUrl } from './request-logger.ts'

describe('loggableUrl', () => {
  it('masks runner launch and continuation tokens, and drops the query', () => {
    expect(loggableUrl('/api/runner/abc.def/steps/s_1/media?kind=selfie')).toBe(
      '/api/runner/***/steps/s_1/media',
    )
    expect(loggableUrl('/api/runner/continue/abc.def/claim')).toBe('/api/runner/***/claim')
    expect(loggableUrl('/r/continue/abc.def')).toBe('/r/***')
    expect(loggableUrl('/r/abc.def')).toBe('/r/***')
    expect(loggableUrl('/api/sessions?q=user')).toBe('/api/sessions')
  })
})
