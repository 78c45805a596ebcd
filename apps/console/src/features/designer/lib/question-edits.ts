import {
  createId,
  type ConditionClause,
  type Question,
  type QuestionOption,
  type QuestionType,
} from '@veriflow/schema'
import { clausesOf, hasOptions, mapClauses, refersTo } from './condition-edits.ts'
import { copyKey, insertItem, numberedKey } from './list.ts'

/** Question keys in use in one questionnaire. */
export function questionKeys(questions: readonly Question[]): Set<string> {
  return new Set(questions.map((q) => q.key))
}

/** Option keys in use in one questionnaire (they are unique per questionnaire, like Identomat). */
export function optionKeys(questions: readonly Question[]): Set<string> {
  const keys = new Set<string>()
  for (const question of questions)
    for (const option of question.options ?? []) keys.add(option.key)
  return keys
}

/** A new option with a fresh id and a key unique in the questionnaire. */
export function createOption(questions: readonly Question[]): QuestionOption {
  return { id: createId('o'), key: numberedKey('option', optionKeys(questions)) }
}

/** A new question of `type`; choice questions start with one option so they are valid at once. */
export function createQuestion(questions: readonly Question[], type: QuestionType): Question {
  const key = numberedKey('question', questionKeys(questions), questions.length + 1)
  const question: Question = { id: createId('q'), type, key }
  if (type !== 'string') question.options = [createOption(questions)]
  return question
}

/** The questions with a new one at `index` (appended without one), and that question. */
export function insertQuestion(
  questions: readonly Question[],
  type: QuestionType = 'string',
  index?: number,
): { questions: Question[]; question: Question } {
  const question = createQuestion(questions, type)
  return { questions: insertItem(questions, question, index), question }
}

/** The questions with question `id` replaced by `change(question)` (others keep identity). */
export function updateQuestion(
  questions: readonly Question[],
  id: string,
  change: (question: Question) => Question,
): Question[] {
  const index = questions.findIndex((q) => q.id === id)
  const question = questions[index]
  if (!question) return questions as Question[]
  const next = change(question)
  if (next === question) return questions as Question[]
  const copy = questions.slice()
  copy[index] = next
  return copy
}

/** `fields` on a copy of the question; `undefined` (or false for the two switches) removes one. */
export function withQuestionFields(question: Question, fields: Partial<Question>): Question {
  const next: Record<string, unknown> = { ...question }
  for (const [name, value] of Object.entries(fields)) {
    const absent = value === undefined || ((name === 'mandatory' || name === 'readOnly') && !value)
    if (absent) delete next[name]
    else next[name] = value
  }
  return next as Question
}

/** A question that depends on another one, with the clauses that refer to it. */
export interface Dependent {
  question: Question
  index: number
  clauses: ConditionClause[]
}

/** The questions whose conditions refer to question `id`. */
export function dependentsOf(questions: readonly Question[], id: string): Dependent[] {
  const out: Dependent[] = []
  questions.forEach((question, index) => {
    const clauses = clausesOf(question.showWhen).clauses.filter((c) => refersTo(c, id))
    if (clauses.length > 0) out.push({ question, index, clauses })
  })
  return out
}

/**
 * The questions without question `id`, and without every condition clause that referred to it
 * (a condition left empty is removed: the question is then always shown). One edit, so one undo.
 */
export function removeQuestion(questions: readonly Question[], id: string): Question[] {
  const out: Question[] = []
  for (const question of questions) {
    if (question.id === id) continue
    const showWhen = mapClauses(question.showWhen, (c) => (refersTo(c, id) ? null : c))
    out.push(showWhen === question.showWhen ? question : withQuestionFields(question, { showWhen }))
  }
  return out
}

/** Questions with new question and option ids; conditions and answers inside follow the ids. */
export function copyQuestions(questions: readonly Question[]): Question[] {
  const ids = new Map<string, string>()
  for (const question of questions) {
    ids.set(question.id, createId('q'))
    for (const option of question.options ?? []) ids.set(option.id, createId('o'))
  }
  return questions.map((question) => remapIds(question, ids))
}

function remapIds(question: Question, ids: ReadonlyMap<string, string>): Question {
  const map = (id: string) => ids.get(id) ?? id
  const copy = structuredClone(question)
  copy.id = map(question.id)
  if (copy.options) copy.options = copy.options.map((o) => ({ ...o, id: map(o.id) }))
  if (hasOptions(question) && copy.answer !== undefined)
    copy.answer = Array.isArray(copy.answer) ? copy.answer.map(map) : map(copy.answer)
  copy.showWhen = mapClauses(copy.showWhen, (clause) => {
    const value = Array.isArray(clause.value)
      ? clause.value.map(map)
      : clause.value === undefined
        ? undefined
        : map(clause.value)
    return { ...clause, question: map(clause.question), ...(value === undefined ? {} : { value }) }
  })
  if (copy.showWhen === undefined) delete copy.showWhen
  return copy
}

/** The questions with a copy of question `id` right after it (new ids, a unique key). */
export function duplicateQuestion(
  questions: readonly Question[],
  id: string,
): { questions: Question[]; question: Question | null } {
  const index = questions.findIndex((q) => q.id === id)
  const original = questions[index]
  if (!original) return { questions: questions as Question[], question: null }
  const ids = new Map<string, string>([[original.id, createId('q')]])
  const taken = optionKeys(questions)
  const options = (original.options ?? []).map((option) => {
    ids.set(option.id, createId('o'))
    const key = copyKey(option.key, taken)
    taken.add(key)
    return { ...option, key }
  })
  const copy = remapIds({ ...original, ...(original.options ? { options } : {}) }, ids)
  copy.key = copyKey(original.key, questionKeys(questions))
  return { questions: insertItem(questions, copy, index + 1), question: copy }
}
