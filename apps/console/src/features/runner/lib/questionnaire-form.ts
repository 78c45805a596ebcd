import {
  evaluateQuestionnaire,
  isAnswered,
  type Answers,
  type AnswerValue,
  type Question,
  type QuestionnaireEvaluation,
} from '@veriflow/schema'

/** One API issue (the error envelope's entries). */
interface Issue {
  code: string
  message: string
  path?: string
}

function copy(value: AnswerValue | undefined): AnswerValue | undefined {
  return Array.isArray(value) ? [...value] : value
}

/**
 * The answers a questionnaire starts with: what was saved before (a reload), else the preset
 * answers. Read-only questions always show their preset.
 */
export function initialAnswers(questions: readonly Question[], saved: Answers = {}): Answers {
  const answers: Answers = {}
  for (const question of questions) {
    const value = question.readOnly
      ? question.answer
      : saved[question.id] !== undefined
        ? saved[question.id]
        : question.answer
    if (value !== undefined) answers[question.id] = copy(value)
  }
  return answers
}

/** What the form sends, and what still stops it (visible mandatory questions without answer). */
export interface Submission {
  answers: Answers
  missing: string[]
  evaluation: QuestionnaireEvaluation
}

/**
 * The answers to send, through the shared evaluator: hidden questions' answers dropped (hiding
 * cascades), blanks left out, and the ids of visible mandatory questions still unanswered.
 */
export function submissionOf(questions: readonly Question[], answers: Answers): Submission {
  const evaluation = evaluateQuestionnaire(questions, answers)
  const sent: Answers = {}
  for (const question of questions) {
    const value = evaluation.answers[question.id]
    if (isAnswered(value)) sent[question.id] = copy(value)
  }
  return { answers: sent, missing: evaluation.missing, evaluation }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** The API's answer issues (`/answers/<question id>`) by question id; the rest under ''. */
export function answerIssuesById(issues: readonly Issue[]): Record<string, Issue> {
  const byId: Record<string, Issue> = {}
  for (const issue of issues) {
    const match = /^\/answers\/([^/]+)$/.exec(issue.path ?? '')
    const id = match ? unescapePointer(match[1]!) : ''
    byId[id] ??= issue
  }
  return byId
}
