import {
  isRecord,
  optionPath,
  questionPath,
  stepPath,
  type JsonRecord,
  type Rule,
  type RuleContext,
} from './context.ts'

/** Adds `value` to `set`; false when it was already there (one hash lookup, not two). */
function addNew(set: Set<string>, value: string): boolean {
  const before = set.size
  return set.add(value).size > before
}

/** Where the first object with `id` sits (only computed when a duplicate is reported). */
function firstPathOf(ctx: RuleContext, id: string): string {
  for (let i = 0; i < ctx.steps.length; i++) {
    const step = ctx.step(i)
    if (!step) continue
    if (step.id === id) return stepPath(i)
    const questions = Array.isArray(step.questions) ? step.questions : []
    for (let j = 0; j < questions.length; j++) {
      const question = questions[j]
      if (!isRecord(question)) continue
      if (question.id === id) return questionPath(i, j)
      const options = Array.isArray(question.options) ? question.options : []
      for (let k = 0; k < options.length; k++) {
        if (isRecord(options[k]) && (options[k] as JsonRecord).id === id) return optionPath(i, j, k)
      }
    }
  }
  return ''
}

/** Ids are unique in the whole document: steps, questions and options share one namespace. */
export const uniqueIds: Rule = (ctx) => {
  const seen = new Set<string>()
  const visit = (id: unknown, i: number, j = -1, k = -1) => {
    if (typeof id !== 'string') return
    if (addNew(seen, id)) return
    const path = j < 0 ? stepPath(i) : k < 0 ? questionPath(i, j) : optionPath(i, j, k)
    ctx.report(
      path + '/id',
      'ID_DUPLICATE',
      `id "${id}" is already used at ${firstPathOf(ctx, id)}`,
    )
  }
  for (let i = 0; i < ctx.steps.length; i++) {
    const step = ctx.step(i)
    if (!step) continue
    visit(step.id, i)
    if (!Array.isArray(step.questions)) continue
    for (let j = 0; j < step.questions.length; j++) {
      const question = step.questions[j]
      if (!isRecord(question)) continue
      visit(question.id, i, j)
      if (!Array.isArray(question.options)) continue
      for (let k = 0; k < question.options.length; k++) {
        const option = question.options[k]
        if (isRecord(option)) visit(option.id, i, j, k)
      }
    }
  }
}

/** Step keys are unique in a flow (providers identify steps by key). */
export const uniqueStepKeys: Rule = (ctx) => {
  const seen = new Map<string, number>()
  for (let i = 0; i < ctx.steps.length; i++) {
    const key = ctx.step(i)?.key
    if (typeof key !== 'string') continue
    const first = seen.get(key)
    if (first === undefined) seen.set(key, i)
    else
      ctx.report(
        stepPath(i) + '/key',
        'STEP_KEY_DUPLICATE',
        `step key "${key}" is already used by step ${first + 1}`,
      )
  }
}

function checkQuestionnaireKeys(ctx: RuleContext, i: number, questions: readonly unknown[]): void {
  const questionKeys = new Set<string>()
  const optionKeys = new Set<string>()
  for (let j = 0; j < questions.length; j++) {
    const question = questions[j]
    if (!isRecord(question)) continue
    if (typeof question.key === 'string' && !addNew(questionKeys, question.key))
      ctx.report(
        questionPath(i, j) + '/key',
        'QUESTION_KEY_DUPLICATE',
        `question key "${question.key}" is already used in this questionnaire`,
      )
    if (!Array.isArray(question.options)) continue
    for (let k = 0; k < question.options.length; k++) {
      const option = question.options[k]
      if (!isRecord(option) || typeof option.key !== 'string' || addNew(optionKeys, option.key))
        continue
      ctx.report(
        optionPath(i, j, k) + '/key',
        'OPTION_KEY_DUPLICATE',
        `option key "${option.key}" is already used in this questionnaire (option keys must be unique across its questions)`,
      )
    }
  }
}

/** Question keys, and option keys, are unique within one questionnaire (Identomat's rule). */
export const uniqueQuestionnaireKeys: Rule = (ctx) => {
  for (let i = 0; i < ctx.steps.length; i++) {
    const questions = ctx.step(i)?.questions
    if (Array.isArray(questions)) checkQuestionnaireKeys(ctx, i, questions)
  }
}
