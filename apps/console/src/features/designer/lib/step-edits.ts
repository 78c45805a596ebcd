import {
  STEP_CATALOGUE,
  createId,
  isQuestionnaireStep,
  type Flow,
  type Question,
  type Step,
  type StepType,
} from '@veriflow/schema'
import { copyKey, insertItem, moveItem, uniqueKey } from './list.ts'
import { copyQuestions } from './question-edits.ts'

/** Every step key in use in the flow. */
export function stepKeys(doc: Flow): Set<string> {
  return new Set(doc.steps.map((step) => step.key))
}

/** A new step of `type` with a fresh id and the provider's default key (made unique). */
export function createStep(type: StepType, taken: ReadonlySet<string>): Step {
  const info = STEP_CATALOGUE.find((entry) => entry.type === type)
  const key = uniqueKey(info?.defaultKey ?? type, taken)
  const id = createId('s')
  if (type === 'user-questionnaire' || type === 'operator-questionnaire')
    return { id, type, key, questions: [] } as Step
  return { id, type, key } as Step
}

/** The flow with a new step of `type` at `index` (appended without one), and that step. */
export function insertStep(doc: Flow, type: StepType, index?: number): { doc: Flow; step: Step } {
  const step = createStep(type, stepKeys(doc))
  return { doc: { ...doc, steps: insertItem(doc.steps, step, index) }, step }
}

/** The flow with the step at `from` moved to `to`; the same flow when nothing moves. */
export function moveStep(doc: Flow, from: number, to: number): Flow {
  const steps = moveItem(doc.steps, from, to)
  return steps === doc.steps ? doc : { ...doc, steps }
}

/**
 * The flow with a copy of step `stepId` right after it: a new step id, new question and option
 * ids (conditions and preset answers inside the copy follow them) and a unique key.
 */
export function duplicateStep(doc: Flow, stepId: string): { doc: Flow; step: Step | null } {
  const index = doc.steps.findIndex((step) => step.id === stepId)
  const original = doc.steps[index]
  if (!original) return { doc, step: null }
  const copy = structuredClone(original) as Step
  copy.id = createId('s')
  copy.key = copyKey(original.key, stepKeys(doc))
  if (isQuestionnaireStep(copy) && isQuestionnaireStep(original))
    copy.questions = copyQuestions(original.questions as Question[])
  return { doc: { ...doc, steps: insertItem(doc.steps, copy, index + 1) }, step: copy }
}

/** The flow without step `stepId` (its questions' conditions never reach other steps). */
export function removeStep(doc: Flow, stepId: string): Flow {
  const steps = doc.steps.filter((step) => step.id !== stepId)
  return steps.length === doc.steps.length ? doc : { ...doc, steps }
}

/**
 * The flow with step `stepId` replaced by `change(step)`. Other steps keep their identity, so
 * the canvas re-renders only the changed card.
 */
export function updateStep(doc: Flow, stepId: string, change: (step: Step) => Step): Flow {
  const index = doc.steps.findIndex((step) => step.id === stepId)
  const step = doc.steps[index]
  if (!step) return doc
  const next = change(step)
  if (next === step) return doc
  const steps = doc.steps.slice()
  steps[index] = next
  return { ...doc, steps }
}

/** `fields` on a copy of the step; `undefined` values remove the field. */
export function withStepFields(step: Step, fields: Record<string, unknown>): Step {
  const next: Record<string, unknown> = { ...step }
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) delete next[name]
    else next[name] = value
  }
  return next as Step
}

/**
 * A copy of the step with flag `name` set to `value`. A flag set back to its default (or an
 * emptied list) is removed: an absent flag takes the documented default and is not sent.
 */
export function withFlag(step: Step, name: string, value: unknown, defaultValue?: unknown): Step {
  if (isQuestionnaireStep(step)) return step
  const flags: Record<string, unknown> = { ...(step.flags ?? {}) }
  const isDefault =
    value === undefined ||
    (Array.isArray(value) && value.length === 0) ||
    (defaultValue !== undefined && !Array.isArray(value) && value === defaultValue)
  if (isDefault) delete flags[name]
  else flags[name] = value
  const next: Record<string, unknown> = { ...step, flags }
  if (Object.keys(flags).length === 0) delete next.flags
  return next as Step
}
