import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import { lockMinutes, signInProblem } from './sign-in-errors.ts'

const apiError = (status: number, code: string, message = 'x') =>
  new ApiError(status, code, message, [{ code, message }])

describe('signInProblem', () => {
  it('never says whether the email exists', () => {
    expect(signInProblem(apiError(401, 'INVALID_CREDENTIALS')).message).toBe(
      'Wrong email or password.',
    )
    expect(signInProblem(apiError(400, 'VALIDATION_FAILED')).message).toBe(
      'Wrong email or password.',
    )
  })

  it('explains a lock-out with the minutes left, as a warning', () => {
    const problem = signInProblem(
      apiError(
        429,
        'LOGIN_LOCKED',
        'too many failed sign-ins for this email; try again in 15 minute(s)',
      ),
    )
    expect(problem.tone).toBe('warning')
    expect(problem.code).toBe('LOGIN_LOCKED')
    expect(problem.message).toContain('locked for 15 minutes')
  })

  it('tells a lock-out of the email from the per-network rate limit', () => {
    expect(signInProblem(apiError(429, 'RATE_LIMITED')).message).toMatch(/this network/)
  })

  it('names deactivated accounts and unreachable servers', () => {
    expect(signInProblem(apiError(401, 'ACCOUNT_DEACTIVATED')).message).toMatch(/deactivated/)
    expect(signInProblem(apiError(0, 'NETWORK_ERROR')).message).toMatch(/Cannot reach/)
    expect(signInProblem(new Error('x')).code).toBe('UNKNOWN')
  })
})

describe('lockMinutes', () => {
  it('reads the minutes from the API message', () => {
    expect(lockMinutes('try again in 1 minute(s)')).toBe(1)
    expect(lockMinutes('locked')).toBeUndefined()
  })
})
