import type { Answers, LocalizedText, ResolvedSettings, Step } from '@veriflow/schema'

/** The settings the runner API sends (resolved, without the integrator's return URL). */
export type RunnerSettings = Omit<ResolvedSettings, 'returnUrl'>

/** The flow as the end user may see it (`GET /api/runner/:token` → flow). */
export interface PublicFlow {
  name: string
  languages: string[]
  settings: RunnerSettings
  steps: Step[]
}

/** A one-time code's state (never the code). */
export interface OtpState {
  channel: 'sms' | 'email'
  destination: string
  sentAt: string
  resendAvailableAt: string
  expiresAt: string
  attemptsLeft: number
  verified: boolean
}

/** A stored capture (no bytes). */
export interface MediaRef {
  id: string
  kind: string
  contentType: string
  size: number
}

/** One step's progress as the API keeps it. */
export interface StepProgress {
  answers?: Answers
  contact?: { value: string; verified: boolean }
  media: MediaRef[]
  otp?: OtpState
  missing: Array<{ path?: string; code: string; message: string }>
}

/** What the page does when the session is complete: redirect, or postMessage to an origin. */
export interface Completion {
  status: 'COMPLETED'
  sessionId: string
  redirectUrl: string | null
  postMessageOrigin: string | null
}

/** `GET /api/runner/:token`: everything the page needs to render and resume. */
export interface RunnerView {
  sessionId: string
  status: string
  isTest: boolean
  expiresAt: string
  language: string
  /** launch: the link of the launch; continue: the QR hand-off's link (the phone). */
  device: 'launch' | 'continue'
  flow: PublicFlow
  progress: { currentStepId: string | null; steps: Record<string, StepProgress> }
  handoff: { status: 'none' } | { status: 'pending' | 'claimed'; expiresAt: string }
  completion: Completion | null
}

/** The capture kinds the runner API accepts. */
export type MediaKind =
  | 'document_front'
  | 'document_back'
  | 'selfie'
  | 'liveness_frame'
  | 'face_document'
  | 'general_document_page'

export type { Answers, LocalizedText, Step }
