import { ApiError } from '../../../app/http.ts'
import type { StepActions } from '../lib/step-actions.ts'
import type { Answers, MediaRef, OtpState } from '../runner.types.ts'

/** How long the preview's fake cool-down lasts (the API's is 30 s). */
export const PREVIEW_OTP_COOLDOWN_MS = 30_000

/**
 * The preview's step actions: everything stays in this object (nothing is stored or sent).
 * Codes: any 6 digits verify, so the PM can walk through an OTP step.
 */
export function previewActions(onAnswers: (stepId: string, answers: Answers) => void): StepActions {
  let counter = 0
  return {
    async saveAnswers(stepId, answers) {
      onAnswers(stepId, answers)
    },
    async saveContact() {},
    async requestOtp(_stepId, value): Promise<OtpState> {
      const now = Date.now()
      return {
        channel: 'sms',
        destination: value ?? '',
        sentAt: new Date(now).toISOString(),
        resendAvailableAt: new Date(now + PREVIEW_OTP_COOLDOWN_MS).toISOString(),
        expiresAt: new Date(now + 600_000).toISOString(),
        attemptsLeft: 5,
        verified: false,
      }
    },
    async verifyOtp(_stepId, code) {
      if (!/^\d{6}$/.test(code))
        throw new ApiError(400, 'OTP_INVALID', 'the code is not right', [], { attemptsLeft: 4 })
    },
    async upload(_stepId, kind, image): Promise<MediaRef> {
      counter++
      return { id: `preview-${counter}`, kind, contentType: image.type, size: image.size }
    },
  }
}
