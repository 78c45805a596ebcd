import type { AnswerValue, Question, QuestionOption, QuestionType } from '@veriflow/schema'
import { localize } from '@veriflow/schema'
import { mapClauses } from './condition-edits.ts'
import { createOption, withQuestionFields } from './question-edits.ts'

function optionMatching(options: readonly QuestionOption[], text: string, language: string) {
  const wanted = text.trim().toLowerCase()
  return options.find(
    (o) =>
      o.id === text ||
      o.key.toLowerCase() === wanted ||
      localize(o.title, language).trim().toLowerCase() === wanted,
  )
}

/** The preset answer carried over to the new type, or undefined when nothing of it fits. */
function convertAnswer(
  answer: AnswerValue | undefined,
  from: QuestionType,
  to: QuestionType,
  options: readonly QuestionOption[],
  language: string,
): AnswerValue | undefined {
  if (answer === undefined || to === 'string') return undefined
  const list = Array.isArray(answer) ? answer : [answer]
  const ids =
    from === 'string'
      ? list.flatMap((text) => optionMatching(options, text, language)?.id ?? [])
      : list.filter((id) => options.some((o) => o.id === id))
  if (ids.length === 0) return undefined
  return to === 'options' ? ids[0] : ids
}

/**
 * The questions with question `id` switched to `type`, keeping what still fits: key, title,
 * mandatory, read-only and its own condition always; options and the option-valued preset answer
 * between the choice types; a text preset that names an option becomes that option. Switching to
 * text drops the options and turns other questions' clauses on them into text clauses on the
 * option keys; switching from text turns text clauses that name an option into that option.
 * A choice question gets one option when it has none, so it is valid at once.
 */
export function changeQuestionType(
  questions: readonly Question[],
  id: string,
  type: QuestionType,
  language = 'en',
): Question[] {
  const question = questions.find((q) => q.id === id)
  if (!question || question.type === type) return questions as Question[]
  const from = question.type
  const options =
    type === 'string'
      ? []
      : question.options && question.options.length > 0
        ? question.options
        : [createOption(questions)]
  const answer = convertAnswer(question.answer, from, type, options, language)
  const changed = withQuestionFields(question, {
    type,
    options: type === 'string' ? undefined : options,
    answer,
  })
  const oldOptions = question.options ?? []
  const convertValue = (value: string): string => {
    if (type === 'string') return oldOptions.find((o) => o.id === value)?.key ?? value
    if (from === 'string') return optionMatching(options, value, language)?.id ?? value
    return value
  }
  return questions.map((q) => {
    if (q.id === id) return changed
    if (from !== 'string' && type !== 'string') return q
    const showWhen = mapClauses(q.showWhen, (clause) => {
      if (clause.question !== id || clause.value === undefined) return clause
      const value = Array.isArray(clause.value)
        ? clause.value.map(convertValue)
        : convertValue(clause.value)
      return { ...clause, value }
    })
    return showWhen === q.showWhen ? q : withQuestionFields(q, { showWhen })
  })
}
