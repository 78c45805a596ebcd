import { toResult, type Issue, type ValidationResult } from '../issue.ts'
import { pointer } from '../json-pointer.ts'
import type { AnswerValue, Question } from '../questionnaire.schema.ts'
import {
  evaluateQuestionnaire,
  isAnswered,
  type Answers,
  type QuestionnaireEvaluation,
} from './evaluate.ts'

/** Longest accepted text answer. */
export const MAX_TEXT_ANSWER_LENGTH = 10_000

export interface AnswerCheck extends ValidationResult {
  /** The accepted answers: typed, read-only presets enforced, hidden questions dropped. */
  answers: Answers
  evaluation: QuestionnaireEvaluation
}

function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  // The same selection in any order; ['x', 'x'] is not ['x', 'y'].
  if (Array.isArray(a) && Array.isArray(b)) {
    const sortedB = [...b].sort()
    return a.length === b.length && [...a].sort().every((v, n) => v === sortedB[n])
  }
  return a === b
}

/** Why `value` cannot be an answer to `question`, or undefined when it can. */
function answerProblem(question: Question, value: unknown): string | undefined {
  const optionIds = new Set((question.options ?? []).map((option) => option.id))
  if (question.type === 'string') {
    if (typeof value !== 'string') return 'must be text'
    if (value.length > MAX_TEXT_ANSWER_LENGTH)
      return `must be at most ${MAX_TEXT_ANSWER_LENGTH} characters`
    return undefined
  }
  if (question.type === 'options') {
    if (typeof value !== 'string' || !optionIds.has(value))
      return "must be one of the question's options"
    return undefined
  }
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && optionIds.has(v)))
    return "must be a list of the question's options"
  if (new Set(value).size !== value.length) return 'must not pick an option twice'
  return undefined
}

/**
 * Checks answers submitted for one questionnaire, as a server must: every answer has the right
 * type, read-only questions keep their preset, hidden questions are dropped and visible mandatory
 * ones are answered. Issue paths are `/<question id>` into the submitted object.
 */
export function checkAnswers(questions: readonly Question[], submitted: unknown): AnswerCheck {
  const issues: Issue[] = []
  const typed = Object.create(null) as Answers
  const input =
    submitted !== null && typeof submitted === 'object' && !Array.isArray(submitted)
      ? (submitted as Record<string, unknown>)
      : {}
  if (input !== submitted)
    issues.push({
      path: '',
      code: 'ANSWERS_NOT_AN_OBJECT',
      message: 'answers must be an object keyed by question id',
      severity: 'error',
    })
  const known = new Map(questions.map((question) => [question.id, question]))
  for (const [id, value] of Object.entries(input)) {
    const question = known.get(id)
    if (!question) {
      issues.push({
        path: pointer(id),
        code: 'ANSWER_UNKNOWN_QUESTION',
        message: `no question with id "${id}"`,
        severity: 'error',
      })
      continue
    }
    if (value === null || value === undefined) continue
    if (question.readOnly) {
      if (!sameAnswer(value as AnswerValue, question.answer))
        issues.push({
          path: pointer(id),
          code: 'ANSWER_READ_ONLY',
          message: 'this question is read-only',
          severity: 'error',
        })
      continue
    }
    const problem = answerProblem(question, value)
    if (problem)
      issues.push({
        path: pointer(id),
        code: 'ANSWER_INVALID',
        message: problem,
        severity: 'error',
      })
    else typed[id] = value as AnswerValue
  }
  for (const question of questions) {
    if (question.readOnly && question.answer !== undefined) typed[question.id] = question.answer
  }
  const evaluation = evaluateQuestionnaire(questions, typed)
  for (const id of evaluation.missing) {
    if (issues.some((issue) => issue.path === pointer(id))) continue
    issues.push({
      path: pointer(id),
      code: 'ANSWER_REQUIRED',
      message: 'this question must be answered',
      severity: 'error',
    })
  }
  const answers = Object.create(null) as Answers
  for (const [id, value] of Object.entries(evaluation.answers)) {
    if (isAnswered(value)) answers[id] = value
  }
  return { ...toResult(issues), answers, evaluation }
}
