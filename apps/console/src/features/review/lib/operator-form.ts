import type { Answers, Step } from '@veriflow/schema'
import type { ApiIssue } from '../../../app/http.ts'
import type { StepDetail } from '../review.api.ts'

/** An operator questionnaire step of the flow document (with its questions and conditions). */
export type OperatorStep = Extract<Step, { type: 'operator-questionnaire' }>

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

/**
 * The operator questionnaires of the session's document, when they are the ones the session
 * runs: same step ids and question ids as the API's detail. A test session's draft may have
 * moved on since the launch; then the reviewer's form would send answers the API refuses.
 */
export function operatorSteps(
  documentSteps: readonly Step[],
  detailSteps: readonly StepDetail[],
): { steps: OperatorStep[]; consistent: boolean } {
  const wanted = detailSteps.filter((s) => s.type === 'operator-questionnaire')
  const steps: OperatorStep[] = []
  for (const detail of wanted) {
    const step = documentSteps.find((s) => s.id === detail.stepId)
    if (step?.type !== 'operator-questionnaire') return { steps: [], consistent: false }
    const ids = step.questions.map((q) => q.id).join('\u0000')
    const expected = (detail.questions ?? []).map((q) => q.questionId).join('\u0000')
    if (ids !== expected) return { steps: [], consistent: false }
    steps.push(step)
  }
  return { steps, consistent: true }
}

/**
 * The API's issues of `PUT …/operator-answers` for one step: `/answers/<step>/<question>` by
 * question id, anything else (the step itself, the request) under ''.
 */
export function operatorIssuesByQuestion(
  issues: readonly ApiIssue[],
  stepId: string,
): Record<string, ApiIssue> {
  const byId: Record<string, ApiIssue> = {}
  for (const issue of issues) {
    const [, root, step, question] = (issue.path ?? '').split('/')
    const mine = root === 'answers' && step !== undefined && unescape(step) === stepId
    const id = mine && question !== undefined ? unescape(question) : ''
    byId[id] ??= issue
  }
  return byId
}

/** Whether two answer sets are the same (order of a multiple choice aside). */
export function sameAnswers(a: Answers, b: Answers): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) {
    const x = a[key]
    const y = b[key]
    const norm = (v: unknown) => (Array.isArray(v) ? [...v].sort().join('\u0000') : (v ?? ''))
    if (norm(x) !== norm(y)) return false
  }
  return true
}
