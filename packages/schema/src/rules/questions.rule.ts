import {
  hasOptionId,
  hasOptions,
  isRecord,
  questionPath,
  stepPath,
  type JsonRecord,
  type Rule,
  type RuleContext,
} from './context.ts'

function checkOptionsPresent(ctx: RuleContext, question: JsonRecord, path: string): void {
  const options = question.options
  const count = Array.isArray(options) ? options.length : 0
  if (hasOptions(question.type) && count === 0) {
    ctx.report(
      Array.isArray(options) ? path + '/options' : path,
      'QUESTION_OPTIONS_MISSING',
      `a "${String(question.type)}" question needs at least one option`,
    )
  } else if (question.type === 'string' && count > 0) {
    ctx.report(
      path + '/options',
      'QUESTION_OPTIONS_IGNORED',
      'a "string" question shows a text field; its options are ignored',
      'warning',
    )
  }
}

function checkMultipleChoiceAnswer(
  ctx: RuleContext,
  question: JsonRecord,
  answer: unknown[],
  path: string,
): void {
  for (let m = 0; m < answer.length; m++) {
    const value = answer[m]
    if (typeof value !== 'string' || !hasOptionId(question, value))
      ctx.report(
        `${path}/${m}`,
        'ANSWER_NOT_AN_OPTION',
        `"${String(value)}" is not an option of this question`,
      )
    else if (answer.indexOf(value) < m)
      ctx.report(`${path}/${m}`, 'ANSWER_DUPLICATE_OPTION', `"${value}" is preset twice`, 'warning')
  }
}

function checkPresetAnswer(ctx: RuleContext, question: JsonRecord, path: string): void {
  const answer = question.answer
  if (answer === undefined) return
  const answerPath = path + '/answer'
  if (question.type === 'string') {
    if (typeof answer !== 'string')
      ctx.report(
        answerPath,
        'ANSWER_TYPE_MISMATCH',
        'the preset answer of a "string" question is text',
      )
  } else if (question.type === 'options') {
    if (typeof answer !== 'string')
      ctx.report(
        answerPath,
        'ANSWER_TYPE_MISMATCH',
        'the preset answer of an "options" question is one option',
      )
    else if (!hasOptionId(question, answer))
      ctx.report(
        answerPath,
        'ANSWER_NOT_AN_OPTION',
        `"${answer}" is not an option of this question`,
      )
  } else if (question.type === 'multiple-choice') {
    if (Array.isArray(answer)) checkMultipleChoiceAnswer(ctx, question, answer, answerPath)
    else
      ctx.report(
        answerPath,
        'ANSWER_TYPE_MISMATCH',
        'the preset answer of a "multiple-choice" question is a list of options',
      )
  }
}

function checkAnswerable(ctx: RuleContext, question: JsonRecord, path: string): void {
  if (question.readOnly !== true || question.mandatory !== true) return
  const answer = question.answer
  // Blank text is no answer, as in the evaluator's `isAnswered`.
  const noAnswer =
    answer === undefined ||
    (typeof answer === 'string' && answer.trim() === '') ||
    (Array.isArray(answer) && answer.length === 0)
  if (noAnswer)
    ctx.report(
      path + '/readOnly',
      'QUESTION_UNANSWERABLE',
      'a mandatory read-only question without a preset answer can never be completed',
      'warning',
    )
}

/** Questions with options have some; preset answers fit their question; nothing is unanswerable. */
export const questionShapes: Rule = (ctx) => {
  for (let i = 0; i < ctx.steps.length; i++) {
    const questions = ctx.step(i)?.questions
    if (!Array.isArray(questions)) continue
    if (questions.length === 0)
      ctx.report(
        stepPath(i) + '/questions',
        'QUESTIONNAIRE_EMPTY',
        'this questionnaire has no questions',
        'warning',
      )
    for (let j = 0; j < questions.length; j++) {
      const question = questions[j]
      if (!isRecord(question)) continue
      const needsPath =
        question.answer !== undefined ||
        question.readOnly === true ||
        hasOptions(question.type) ||
        question.type === 'string'
      if (!needsPath) continue
      const path = questionPath(i, j)
      checkOptionsPresent(ctx, question, path)
      checkPresetAnswer(ctx, question, path)
      checkAnswerable(ctx, question, path)
    }
  }
}
