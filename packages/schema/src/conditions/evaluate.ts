import type { AnswerValue, Condition, ConditionClause, Question } from '../questionnaire.schema.ts'

/** Answers of one questionnaire keyed by question id. */
export type Answers = Record<string, AnswerValue | undefined>

export interface ClauseOutcome {
  clause: ConditionClause
  holds: boolean
}

/** Whether a question is shown and required, and the clause results that decided it. */
export interface QuestionState {
  id: string
  visible: boolean
  required: boolean
  /** `all` / `any` when the question has a condition, otherwise null (always shown). */
  mode: 'all' | 'any' | null
  reasons: ClauseOutcome[]
}

export interface QuestionnaireEvaluation {
  /** One entry per question, in questionnaire order. */
  states: QuestionState[]
  byId: Record<string, QuestionState>
  /** The answers of visible questions only: hidden questions' answers are dropped. */
  answers: Answers
  /** Ids of visible mandatory questions that have no answer. */
  missing: string[]
}

/** True for a non-blank text or a non-empty selection. */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (typeof value === 'string') return value.trim() !== ''
  return Array.isArray(value) && value.length > 0
}

function matches(answer: AnswerValue | undefined, expected: string): boolean {
  if (Array.isArray(answer)) return answer.includes(expected)
  return typeof answer === 'string' && answer.trim() === expected.trim()
}

/** Evaluates one clause against the answers known so far. Malformed clauses never hold. */
export function evaluateClause(clause: ConditionClause, answers: Answers): boolean {
  const answer = answers[clause.question]
  const { value } = clause
  switch (clause.op) {
    case 'answered':
      return isAnswered(answer)
    case 'notAnswered':
      return !isAnswered(answer)
    case 'equals':
      return typeof value === 'string' && matches(answer, value)
    case 'notEquals':
      return typeof value === 'string' && !matches(answer, value)
    case 'in':
      return Array.isArray(value) && value.some((v) => matches(answer, v))
    default:
      return false
  }
}

function evaluateCondition(condition: Condition | undefined, answers: Answers) {
  if (!condition) return { mode: null, visible: true, reasons: [] }
  const mode = condition.all ? ('all' as const) : ('any' as const)
  const clauses = condition.all ?? condition.any ?? []
  const reasons = clauses.map((clause) => ({ clause, holds: evaluateClause(clause, answers) }))
  const visible = mode === 'all' ? reasons.every((r) => r.holds) : reasons.some((r) => r.holds)
  return { mode, visible, reasons }
}

/**
 * Decides which questions are visible and which are required, given the answers so far.
 * Questions are evaluated in order (conditions only look back), and a hidden question's answer
 * is dropped before later questions are evaluated, so hiding cascades. Hidden questions are
 * never required.
 */
export function evaluateQuestionnaire(
  questions: readonly Question[],
  answers: Answers,
): QuestionnaireEvaluation {
  // Null-prototype records: a question id such as "__proto__" is an ordinary key here.
  const effective: Answers = Object.create(null) as Answers
  const states: QuestionState[] = []
  const byId = Object.create(null) as Record<string, QuestionState>
  const missing: string[] = []
  for (const question of questions) {
    const { mode, visible, reasons } = evaluateCondition(question.showWhen, effective)
    const required = visible && question.mandatory === true
    const state: QuestionState = { id: question.id, visible, required, mode, reasons }
    states.push(state)
    byId[question.id] = state
    if (!visible) continue
    const answer = answers[question.id]
    if (answer !== undefined) effective[question.id] = answer
    if (required && !isAnswered(answer)) missing.push(question.id)
  }
  return { states, byId, answers: effective, missing }
}
