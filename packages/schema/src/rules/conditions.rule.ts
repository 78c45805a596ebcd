import {
  hasOptionId,
  hasOptions,
  isRecord,
  questionPath,
  type JsonRecord,
  type Rule,
  type RuleContext,
} from './context.ts'

/** Where a clause sits; its path is only built when something is reported. */
interface ClauseAt {
  i: number
  j: number
  group: 'all' | 'any'
  k: number
}

function clausePath({ i, j, group, k }: ClauseAt): string {
  return `${questionPath(i, j)}/showWhen/${group}/${k}`
}

function valueOrClausePath(at: ClauseAt, value: unknown): string {
  return value === undefined ? clausePath(at) : clausePath(at) + '/value'
}

/** Reports a value of the wrong kind for the operator; true when the value can be checked further. */
function checkValueType(ctx: RuleContext, clause: JsonRecord, at: ClauseAt): boolean {
  const { op, value } = clause
  if (op === 'answered' || op === 'notAnswered') {
    if (value !== undefined)
      ctx.report(clausePath(at) + '/value', 'CONDITION_VALUE_UNEXPECTED', `"${op}" takes no value`)
    return false
  }
  if (op === 'equals' || op === 'notEquals') {
    if (typeof value === 'string') return true
    ctx.report(valueOrClausePath(at, value), 'CONDITION_VALUE_INVALID', `"${op}" needs one value`)
    return false
  }
  if (op === 'in') {
    if (Array.isArray(value) && value.length > 0) return true
    ctx.report(
      valueOrClausePath(at, value),
      'CONDITION_VALUE_INVALID',
      '"in" needs a non-empty list of values',
    )
  }
  return false // an unknown operator is a schema error
}

function unknownOption(v: unknown): string {
  return `"${String(v)}" is not an option of the referenced question`
}

function checkOptionValues(
  ctx: RuleContext,
  value: unknown,
  at: ClauseAt,
  target: JsonRecord,
): void {
  if (!Array.isArray(value)) {
    if (typeof value === 'string' && !hasOptionId(target, value))
      ctx.report(clausePath(at) + '/value', 'CONDITION_UNKNOWN_OPTION', unknownOption(value))
    return
  }
  for (let m = 0; m < value.length; m++) {
    if (typeof value[m] === 'string' && !hasOptionId(target, value[m]))
      ctx.report(
        `${clausePath(at)}/value/${m}`,
        'CONDITION_UNKNOWN_OPTION',
        unknownOption(value[m]),
      )
  }
}

/**
 * Finds questions by id within one questionnaire. Conditions usually refer to a question just
 * before their own, so it looks back a few questions first and builds its id index only when
 * that fails: linear overall, and allocation-free in the common case.
 */
class QuestionLookup {
  private byId: Map<string, number> | undefined
  constructor(readonly questions: readonly unknown[]) {}

  /** The nearest question with `id` before index `before`, else its first index anywhere. */
  find(id: string, before: number): number | undefined {
    for (let j = before - 1; j >= 0 && j >= before - 8; j--) {
      const question = this.questions[j]
      if (isRecord(question) && question.id === id) return j
    }
    this.byId ??= this.index()
    return this.byId.get(id)
  }

  private index(): Map<string, number> {
    const byId = new Map<string, number>()
    for (let j = 0; j < this.questions.length; j++) {
      const question = this.questions[j]
      if (isRecord(question) && typeof question.id === 'string' && !byId.has(question.id))
        byId.set(question.id, j)
    }
    return byId
  }
}

function checkClause(
  ctx: RuleContext,
  clause: unknown,
  at: ClauseAt,
  lookup: QuestionLookup,
): void {
  if (!isRecord(clause)) return
  const id = clause.question
  const index = typeof id === 'string' ? lookup.find(id, at.j) : undefined
  if (typeof id === 'string') {
    if (index === undefined)
      ctx.report(
        clausePath(at) + '/question',
        'CONDITION_UNKNOWN_QUESTION',
        `no question with id "${id}" in this questionnaire`,
      )
    else if (index >= at.j)
      ctx.report(
        clausePath(at) + '/question',
        'CONDITION_FORWARD_REFERENCE',
        'a condition may only refer to an earlier question of the same questionnaire',
      )
  }
  if (!checkValueType(ctx, clause, at) || index === undefined) return
  const target = lookup.questions[index] as JsonRecord
  if (hasOptions(target.type)) checkOptionValues(ctx, clause.value, at, target)
}

function checkGroup(
  ctx: RuleContext,
  clauses: unknown,
  i: number,
  j: number,
  group: 'all' | 'any',
  lookup: QuestionLookup,
): void {
  if (!Array.isArray(clauses)) return
  for (let k = 0; k < clauses.length; k++) checkClause(ctx, clauses[k], { i, j, group, k }, lookup)
}

/** Conditions refer to earlier questions of the same questionnaire, with values those questions can take. */
export const conditions: Rule = (ctx) => {
  for (let i = 0; i < ctx.steps.length; i++) {
    const questions = ctx.step(i)?.questions
    if (!Array.isArray(questions)) continue
    let lookup: QuestionLookup | undefined
    for (let j = 0; j < questions.length; j++) {
      const question = questions[j]
      if (!isRecord(question) || !isRecord(question.showWhen)) continue
      lookup ??= new QuestionLookup(questions)
      checkGroup(ctx, question.showWhen.all, i, j, 'all', lookup)
      checkGroup(ctx, question.showWhen.any, i, j, 'any', lookup)
    }
  }
}
