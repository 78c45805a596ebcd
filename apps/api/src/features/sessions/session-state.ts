/** What the sandbox runner keeps on a session besides its answers (sessions.runner_state). */

export type ContactChannel = 'sms' | 'email'

/** A phone number or email address collected by a step, and whether an OTP proved it. */
export interface StepContact {
  channel: ContactChannel
  value: string
  verifiedAt?: string
}

/** The runner's state of one session. */
export interface RunnerState {
  /** The step the user is on (set by the page, advanced by saves). */
  currentStepId?: string
  contacts?: Record<string, StepContact>
  handoff?: {
    tokenHash: string
    createdAt: string
    expiresAt: string
    claimHash?: string
    claimedAt?: string
  }
}
