import type { MediaRef, OtpState, RunnerView, StepProgress } from '../runner.types.ts'

/** Kinds of which a step keeps one capture (a retake replaces it), as the API does. */
const SINGLE_KINDS = new Set(['document_front', 'document_back', 'selfie', 'face_document'])

function withStep(view: RunnerView, stepId: string, patch: (step: StepProgress) => StepProgress) {
  const current = view.progress.steps[stepId] ?? { media: [], missing: [] }
  return {
    ...view,
    progress: { ...view.progress, steps: { ...view.progress.steps, [stepId]: patch(current) } },
  }
}

/** The view after an upload: a single kind replaced, a repeatable kind added. */
export function withMedia(view: RunnerView, stepId: string, media: MediaRef): RunnerView {
  return withStep(view, stepId, (step) => ({
    ...step,
    media: [
      ...step.media.filter((m) => !(SINGLE_KINDS.has(media.kind) && m.kind === media.kind)),
      media,
    ],
  }))
}

/** The view after a code was sent. */
export function withOtp(view: RunnerView, stepId: string, otp: OtpState): RunnerView {
  return withStep(view, stepId, (step) => ({ ...step, otp }))
}
