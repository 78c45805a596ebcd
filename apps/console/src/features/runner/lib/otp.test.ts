import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import { contactProblemOf, secondsUntil } from './otp.ts'

const apiError = (status: number, code: string, body: Record<string, unknown> = {}) =>
  new ApiError(status, code, code, [{ code, message: code }], body)

describe('OTP cool-down and errors', () => {
  it('counts whole seconds down to the resend time', () => {
    const now = Date.parse('2030-01-01T00:00:00Z')
    expect(secondsUntil('2030-01-01T00:00:29.2Z', now)).toBe(30)
    expect(secondsUntil('2029-12-31T23:59:00Z', now)).toBe(0)
    expect(secondsUntil(undefined, now)).toBe(0)
  })

  it('says how many tries are left after a wrong code', () => {
    expect(contactProblemOf(apiError(400, 'OTP_INVALID', { attemptsLeft: 3 }), 'sms')).toEqual({
      message: 'codeWrong',
      params: { n: 3 },
      field: 'code',
    })
  })

  it('maps locks, expiry, cool-down and send limits', () => {
    expect(contactProblemOf(apiError(429, 'OTP_LOCKED'), 'sms').message).toBe('codeLocked')
    expect(contactProblemOf(apiError(400, 'OTP_EXPIRED'), 'sms').message).toBe('codeExpired')
    expect(
      contactProblemOf(apiError(429, 'OTP_COOLDOWN', { retryAfterSeconds: 12 }), 'email'),
    ).toMatchObject({ message: 'cooldown', retryAfterSeconds: 12 })
    expect(contactProblemOf(apiError(429, 'OTP_SEND_LIMIT'), 'sms').message).toBe('sendLimit')
  })

  it('puts invalid values on the value field in the channel’s words', () => {
    expect(contactProblemOf(apiError(400, 'CONTACT_INVALID'), 'sms')).toEqual({
      message: 'invalidPhone',
      field: 'value',
    })
    expect(contactProblemOf(apiError(400, 'CONTACT_INVALID'), 'email').message).toBe('invalidEmail')
    expect(contactProblemOf(new Error('x'), 'sms').message).toBe('genericError')
    expect(contactProblemOf(new ApiError(0, 'NETWORK_ERROR', 'x', []), 'sms').message).toBe(
      'networkError',
    )
  })
})
