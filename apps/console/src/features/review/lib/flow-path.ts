import type { StepDetail, TimelineEvent } from '../review.api.ts'

/**
 * Where a step stands on the path the session took: `collected` (something was captured or
 * answered), `reached` (opened, nothing kept), `not-reached`; operator questionnaires are the
 * reviewer's part: `filled` or `to-fill`.
 */
export type PathState = 'collected' | 'reached' | 'not-reached' | 'filled' | 'to-fill'

export interface PathStep {
  stepId: string
  title: string
  type: string
  state: PathState
}

export const PATH_STATE_TEXT: Record<PathState, string> = {
  collected: 'Completed',
  reached: 'Reached, nothing collected',
  'not-reached': 'Not reached',
  filled: 'Filled by a reviewer',
  'to-fill': 'For the reviewer',
}

/** The flow version's steps with the path the session took (timeline `step.reached` + data). */
export function flowPath(
  steps: readonly StepDetail[],
  events: readonly TimelineEvent[],
): PathStep[] {
  const reached = new Set(
    events.filter((e) => e.type === 'step.reached').map((e) => String(e.data?.stepId)),
  )
  const touched = new Set(
    events
      .filter((e) => e.type === 'answers.saved' || e.type === 'media.uploaded')
      .map((e) => String(e.data?.stepId)),
  )
  return steps.map((step) => {
    const base = { stepId: step.stepId, title: step.title, type: step.type }
    if (step.type === 'operator-questionnaire')
      return { ...base, state: step.collected ? 'filled' : 'to-fill' }
    if (step.collected) return { ...base, state: 'collected' }
    const state = reached.has(step.stepId) || touched.has(step.stepId) ? 'reached' : 'not-reached'
    return { ...base, state }
  })
}
