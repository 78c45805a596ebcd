import type { Condition, ConditionClause, ConditionOperator, Question } from '@veriflow/schema'

export type ConditionMode = 'all' | 'any'

/** The group mode and clauses of a condition (an absent condition is an empty `all`). */
export function clausesOf(condition: Condition | undefined): {
  mode: ConditionMode
  clauses: ConditionClause[]
} {
  if (condition?.any) return { mode: 'any', clauses: condition.any }
  return { mode: 'all', clauses: condition?.all ?? [] }
}

function build(mode: ConditionMode, clauses: ConditionClause[]): Condition | undefined {
  if (clauses.length === 0) return undefined
  return mode === 'all' ? { all: clauses } : { any: clauses }
}

/**
 * The condition with each clause replaced by `change(clause)`; null drops the clause. Undefined
 * when no clause is left (the question is then always shown); the same object when nothing changed.
 */
export function mapClauses(
  condition: Condition | undefined,
  change: (clause: ConditionClause) => ConditionClause | null,
): Condition | undefined {
  if (!condition) return condition
  const { mode, clauses } = clausesOf(condition)
  let changed = false
  const next: ConditionClause[] = []
  for (const clause of clauses) {
    const result = change(clause)
    if (result !== clause) changed = true
    if (result) next.push(result)
  }
  return changed ? build(mode, next) : condition
}

/** The questions a condition of the question at `index` may refer to: the earlier ones. */
export function conditionCandidates(questions: readonly Question[], index: number): Question[] {
  return questions.slice(0, Math.max(0, index))
}

/** True when answers to `question` are option ids. */
export function hasOptions(question: Question | undefined): boolean {
  return question?.type === 'options' || question?.type === 'multiple-choice'
}

/** The operators offered for clauses on `question`. */
export function operatorsFor(_question: Question | undefined): ConditionOperator[] {
  return ['equals', 'notEquals', 'in', 'answered', 'notAnswered']
}

/**
 * A sensible value for a clause on `question` with `op`, keeping `previous` where it still fits:
 * one option id (or text) for equals / notEquals, a list for `in`, none for (not) answered.
 */
export function valueFor(
  question: Question | undefined,
  op: ConditionOperator,
  previous?: string | string[],
): string | string[] | undefined {
  if (op === 'answered' || op === 'notAnswered') return undefined
  const optionIds = hasOptions(question) ? (question?.options ?? []).map((o) => o.id) : null
  const fits = (value: string) => optionIds === null || optionIds.includes(value)
  const kept = (Array.isArray(previous) ? previous : previous ? [previous] : []).filter(fits)
  if (op === 'in') return kept.length > 0 ? kept : (optionIds?.slice(0, 1) ?? [])
  return kept[0] ?? optionIds?.[0] ?? ''
}

/** A new clause on the last earlier question (the one a product manager most likely means). */
export function newClause(candidates: readonly Question[]): ConditionClause | null {
  const question = candidates[candidates.length - 1]
  if (!question) return null
  const op: ConditionOperator = hasOptions(question) ? 'equals' : 'answered'
  const value = valueFor(question, op)
  return value === undefined ? { question: question.id, op } : { question: question.id, op, value }
}

/** The condition with one more clause (or a new `all` group with it). */
export function addClause(condition: Condition | undefined, clause: ConditionClause): Condition {
  const { mode, clauses } = clausesOf(condition)
  return build(mode, [...clauses, clause]) as Condition
}

/** The condition with clause `index` replaced. */
export function replaceClause(
  condition: Condition | undefined,
  index: number,
  clause: ConditionClause,
): Condition | undefined {
  const { mode, clauses } = clausesOf(condition)
  if (index < 0 || index >= clauses.length) return condition
  const next = clauses.slice()
  next[index] = clause
  return build(mode, next)
}

/** The condition without clause `index` (undefined when it was the last one). */
export function removeClause(
  condition: Condition | undefined,
  index: number,
): Condition | undefined {
  const { mode, clauses } = clausesOf(condition)
  return build(
    mode,
    clauses.filter((_, n) => n !== index),
  )
}

/** The same clauses grouped by `mode`. */
export function withMode(condition: Condition | undefined, mode: ConditionMode) {
  const { clauses } = clausesOf(condition)
  return build(mode, clauses)
}

/**
 * The clause pointed at another question: the operator stays when it is offered, the value is
 * reset to one that fits the new question.
 */
export function retargetClause(clause: ConditionClause, question: Question): ConditionClause {
  const op = clause.op
  const value = valueFor(question, op)
  return value === undefined ? { question: question.id, op } : { question: question.id, op, value }
}

/** The clause with another operator, keeping the value where it still fits. */
export function withOperator(
  clause: ConditionClause,
  op: ConditionOperator,
  question: Question | undefined,
): ConditionClause {
  const value = valueFor(question, op, clause.value)
  return value === undefined
    ? { question: clause.question, op }
    : { question: clause.question, op, value }
}

/** True when the clause refers to question `questionId`. */
export function refersTo(clause: ConditionClause, questionId: string): boolean {
  return clause.question === questionId
}

/** True when the clause's value names option `optionId` of question `questionId`. */
export function refersToOption(
  clause: ConditionClause,
  questionId: string,
  optionId: string,
): boolean {
  if (clause.question !== questionId) return false
  return Array.isArray(clause.value) ? clause.value.includes(optionId) : clause.value === optionId
}
