import type { Answers, MediaKind, MediaRef, OtpState } from '../runner.types.ts'

/**
 * What a step component may do. The runner sends each call to the runner API; the designer's
 * preview answers them in memory (nothing is stored or sent). Failures are ApiErrors either way.
 */
export interface StepActions {
  /** Saves a questionnaire's answers (hidden questions already dropped). */
  saveAnswers(stepId: string, answers: Answers): Promise<void>
  /** Saves a phone number or email address (empty clears it). */
  saveContact(stepId: string, value: string): Promise<void>
  /** Saves the value (when given) and sends a one-time code to it. */
  requestOtp(stepId: string, value?: string): Promise<OtpState>
  /** Checks a one-time code; throws OTP_INVALID (with attemptsLeft), OTP_LOCKED, OTP_EXPIRED. */
  verifyOtp(stepId: string, code: string): Promise<void>
  /** Uploads one compressed capture. */
  upload(stepId: string, kind: MediaKind, image: Blob): Promise<MediaRef>
}
