import { localize } from '../localized-text.ts'
import type { ConditionClause, Question } from '../questionnaire.schema.ts'
import type { QuestionState } from './evaluate.ts'

const OPERATOR_WORDS: Record<ConditionClause['op'], string> = {
  equals: '=',
  notEquals: '≠',
  in: 'is one of',
  answered: 'is answered',
  notAnswered: 'is not answered',
}

/** "Employment = Employed": one clause in the reader's language, with option titles for ids. */
export function describeClause(
  clause: ConditionClause,
  questions: readonly Question[],
  language: string,
  defaultLanguage?: string,
): string {
  const question = questions.find((q) => q.id === clause.question)
  const name = question
    ? localize(question.title, language, defaultLanguage) || question.key
    : clause.question
  const word = OPERATOR_WORDS[clause.op] ?? clause.op
  if (clause.op === 'answered' || clause.op === 'notAnswered') return `${name} ${word}`
  const label = (value: string) => {
    const option = question?.options?.find((o) => o.id === value)
    return option ? localize(option.title, language, defaultLanguage) || option.key : value
  }
  const values = Array.isArray(clause.value)
    ? clause.value.map(label).join(', ')
    : label(String(clause.value ?? ''))
  return `${name} ${word} ${values}`
}

/**
 * Why a question was shown or hidden, e.g. "shown because Employment = Employed" or
 * "hidden because Employment = Employed does not hold". Unconditional questions are "always shown".
 */
export function explainVisibility(
  state: QuestionState,
  questions: readonly Question[],
  language: string,
  defaultLanguage?: string,
): string {
  if (state.mode === null) return 'always shown'
  const describe = (clause: ConditionClause) =>
    describeClause(clause, questions, language, defaultLanguage)
  if (state.visible) {
    const held = state.reasons.filter((r) => r.holds).map((r) => describe(r.clause))
    return `shown because ${held.join(state.mode === 'all' ? ' and ' : ' or ')}`
  }
  const failed = state.reasons.filter((r) => !r.holds).map((r) => describe(r.clause))
  return `hidden because ${failed.join(' and ')} ${failed.length > 1 ? 'do' : 'does'} not hold`
}
