import type { Question, QuestionOption } from '@veriflow/schema'
import { clausesOf, mapClauses, refersToOption } from './condition-edits.ts'
import { insertItem, moveItem } from './list.ts'
import {
  createOption,
  updateQuestion,
  withQuestionFields,
  type Dependent,
} from './question-edits.ts'

/** The questions with a new option on question `questionId`, and that option. */
export function insertOption(
  questions: readonly Question[],
  questionId: string,
  index?: number,
): { questions: Question[]; option: QuestionOption } {
  const option = createOption(questions)
  const next = updateQuestion(questions, questionId, (q) =>
    withQuestionFields(q, { options: insertItem(q.options ?? [], option, index) }),
  )
  return { questions: next, option }
}

/** The questions with an option of `questionId` moved from `from` to `to`. */
export function moveOption(
  questions: readonly Question[],
  questionId: string,
  from: number,
  to: number,
): Question[] {
  return updateQuestion(questions, questionId, (q) => {
    const options = moveItem(q.options ?? [], from, to)
    return options === q.options ? q : withQuestionFields(q, { options })
  })
}

/** The questions with option `optionId` of `questionId` changed (key or title). */
export function updateOption(
  questions: readonly Question[],
  questionId: string,
  optionId: string,
  fields: Partial<QuestionOption>,
): Question[] {
  return updateQuestion(questions, questionId, (q) => {
    const options = (q.options ?? []).map((option) => {
      if (option.id !== optionId) return option
      const next: Record<string, unknown> = { ...option }
      for (const [name, value] of Object.entries(fields)) {
        if (value === undefined) delete next[name]
        else next[name] = value
      }
      return next as QuestionOption
    })
    return withQuestionFields(q, { options })
  })
}

/** What refers to an option: other questions' clauses, and whether its question presets it. */
export interface OptionUse {
  dependents: Dependent[]
  preset: boolean
}

/** The clauses (and the preset answer) that name option `optionId` of question `questionId`. */
export function optionUses(
  questions: readonly Question[],
  questionId: string,
  optionId: string,
): OptionUse {
  const dependents: Dependent[] = []
  questions.forEach((question, index) => {
    const clauses = clausesOf(question.showWhen).clauses.filter((c) =>
      refersToOption(c, questionId, optionId),
    )
    if (clauses.length > 0) dependents.push({ question, index, clauses })
  })
  const owner = questions.find((q) => q.id === questionId)
  const answer = owner?.answer
  const preset = Array.isArray(answer) ? answer.includes(optionId) : answer === optionId
  return { dependents, preset }
}

/**
 * The questions without option `optionId` of `questionId`: it leaves the preset answer, `in`
 * lists lose it, and equals / notEquals clauses on it are removed. One edit, so one undo.
 */
export function removeOption(
  questions: readonly Question[],
  questionId: string,
  optionId: string,
): Question[] {
  return questions.map((question) => {
    let next = question
    if (question.id === questionId) {
      const options = (question.options ?? []).filter((o) => o.id !== optionId)
      const answer = Array.isArray(question.answer)
        ? question.answer.filter((v) => v !== optionId)
        : question.answer === optionId
          ? undefined
          : question.answer
      next = withQuestionFields(question, {
        options,
        answer: Array.isArray(answer) && answer.length === 0 ? undefined : answer,
      })
    }
    const showWhen = mapClauses(next.showWhen, (clause) => {
      if (!refersToOption(clause, questionId, optionId)) return clause
      if (!Array.isArray(clause.value)) return null
      const value = clause.value.filter((v) => v !== optionId)
      return value.length === 0 ? null : { ...clause, value }
    })
    return showWhen === next.showWhen ? next : withQuestionFields(next, { showWhen })
  })
}
