import { ApiError } from '../../../app/http.ts'
import type { MessageKey } from '../i18n/index.ts'

/** Whole seconds until `isoTime` (0 when it has passed). */
export function secondsUntil(isoTime: string | undefined, now = Date.now()): number {
  if (!isoTime) return 0
  return Math.max(0, Math.ceil((new Date(isoTime).getTime() - now) / 1000))
}

/** A failed OTP or contact call, as the words to show and where. */
export interface ContactProblem {
  message: MessageKey
  params?: Record<string, number>
  /** The field it belongs to. */
  field: 'value' | 'code'
  /** Seconds to wait before asking again (429 OTP_COOLDOWN). */
  retryAfterSeconds?: number
}

/** Maps the runner API's contact / OTP errors to the user's words. */
export function contactProblemOf(error: unknown, channel: 'sms' | 'email'): ContactProblem {
  if (!(error instanceof ApiError)) return { message: 'genericError', field: 'value' }
  const body = error.body as { attemptsLeft?: number; retryAfterSeconds?: number }
  switch (error.code) {
    case 'CONTACT_INVALID':
      return { message: channel === 'sms' ? 'invalidPhone' : 'invalidEmail', field: 'value' }
    case 'CONTACT_REQUIRED':
      return { message: 'valueRequired', field: 'value' }
    case 'OTP_INVALID':
      return { message: 'codeWrong', params: { n: body.attemptsLeft ?? 0 }, field: 'code' }
    case 'OTP_LOCKED':
      return { message: 'codeLocked', field: 'code' }
    case 'OTP_EXPIRED':
      return { message: 'codeExpired', field: 'code' }
    case 'OTP_NOT_REQUESTED':
      return { message: 'codeExpired', field: 'code' }
    case 'OTP_COOLDOWN':
      return { message: 'cooldown', field: 'code', retryAfterSeconds: body.retryAfterSeconds ?? 30 }
    case 'OTP_SEND_LIMIT':
      return { message: 'sendLimit', field: 'code' }
    default:
      return { message: error.isNetworkError ? 'networkError' : 'genericError', field: 'value' }
  }
}
