import { localize, type Step } from '@veriflow/schema'
import type { MessageKey, Translate } from '../i18n/index.ts'
import type { StepProgress } from '../runner.types.ts'

/** The steps the end user goes through: operator questionnaires belong to the reviewer. */
export function userSteps(steps: readonly Step[]): Step[] {
  return steps.filter((step) => step.type !== 'operator-questionnaire')
}

export function nextStepId(steps: readonly Step[], id: string): string | null {
  const index = steps.findIndex((step) => step.id === id)
  return index >= 0 ? (steps[index + 1]?.id ?? null) : null
}

export function previousStepId(steps: readonly Step[], id: string): string | null {
  const index = steps.findIndex((step) => step.id === id)
  return index > 0 ? steps[index - 1]!.id : null
}

/** Where a (re)loaded page starts: the step the session remembers, else the first one. */
export function resumeStepId(steps: readonly Step[], remembered: string | null): string | null {
  if (remembered && steps.some((step) => step.id === remembered)) return remembered
  return steps[0]?.id ?? null
}

/** The step a completion issue points at (`/steps/<id>/…`), if any. */
export function stepIdOfPath(path: string | undefined): string | undefined {
  const match = /^\/steps\/([^/]+)/.exec(path ?? '')
  return match ? match[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined
}

/** The first step, in flow order, that still misses something according to the API. */
export function firstIncompleteStepId(
  steps: readonly Step[],
  progress: Record<string, StepProgress>,
): string | null {
  return steps.find((step) => (progress[step.id]?.missing.length ?? 0) > 0)?.id ?? null
}

/** A step's heading: its own title in the language, else the runner's name for its type. */
export function stepTitle(step: Step, language: string, defaultLanguage: string, t: Translate) {
  const own = localize(step.title, language, defaultLanguage).trim()
  return own || t(`stepTitle.${step.type}` as MessageKey)
}
