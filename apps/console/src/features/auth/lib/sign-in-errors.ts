import { ApiError } from '../../../app/http.ts'
import { describeError } from '../../../app/toast.store.ts'

/** What a failed sign-in means for the person at the keyboard. */
export interface SignInProblem {
  message: string
  /** 'warning' for a lock-out (nothing wrong with what they typed), else 'danger'. */
  tone: 'danger' | 'warning'
  code: string
}

/** Minutes left in "…try again in 15 minute(s)" (the API's LOGIN_LOCKED message). */
export function lockMinutes(message: string): number | undefined {
  const match = /(\d+)\s*minute/.exec(message)
  return match ? Number(match[1]) : undefined
}

/** Turns a failed `POST /auth/login` into a message; never reveals whether the email exists. */
export function signInProblem(error: unknown): SignInProblem {
  if (!(error instanceof ApiError))
    return { message: 'Something went wrong. Try again.', tone: 'danger', code: 'UNKNOWN' }
  const { code, status } = error
  if (error.isNetworkError)
    return {
      message: 'Cannot reach Veriflow. Check your connection and that the server is running.',
      tone: 'danger',
      code,
    }
  if (code === 'LOGIN_LOCKED') {
    const minutes = lockMinutes(error.message)
    const wait = minutes ? `${minutes} minute${minutes === 1 ? '' : 's'}` : 'a while'
    return {
      message: `Too many failed sign-ins for this email. It is locked for ${wait}; try again then, or ask an admin to reset your password.`,
      tone: 'warning',
      code,
    }
  }
  if (status === 429)
    return {
      message: 'Too many sign-in attempts from this network. Wait a minute and try again.',
      tone: 'warning',
      code,
    }
  if (code === 'ACCOUNT_DEACTIVATED')
    return {
      message: 'This account is deactivated. Ask an admin to reactivate it.',
      tone: 'danger',
      code,
    }
  if (status === 401 || status === 400)
    return { message: 'Wrong email or password.', tone: 'danger', code }
  return { message: describeError(error), tone: 'danger', code }
}
