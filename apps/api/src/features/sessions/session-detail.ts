import {
  evaluateQuestionnaire,
  explainVisibility,
  localize,
  type AnswerValue,
  type Answers,
  type Flow,
  type Question,
  type Step,
} from '@veriflow/schema'
import type { MediaRow } from './session-media.ts'
import type { RunnerState } from './session-state.ts'

/** One question of a session's questionnaire, as a reviewer reads it. */
export interface QuestionDetail {
  questionId: string
  key: string
  type: Question['type']
  title: string
  mandatory: boolean
  /** Whether the question was shown to (or, for operators, asked of) the person answering. */
  shown: boolean
  /** "always shown", "shown because Employment = Employed", "hidden because … does not hold". */
  explanation: string
  answer: AnswerValue | null
  /** The answer in words: option titles for choice questions. */
  answerText: string | null
}

export interface StepDetail {
  stepId: string
  type: Step['type']
  key: string
  title: string
  /** Whether the session collected anything for this step. */
  collected: boolean
  questions?: QuestionDetail[]
  contact?: { channel: 'sms' | 'email'; value: string; verified: boolean }
  media: string[]
}

interface Language {
  lang: string
  fallback: string | undefined
}

function answerText(question: Question, answer: AnswerValue | undefined, language: Language) {
  if (answer === undefined) return null
  if (question.type === 'string') return typeof answer === 'string' ? answer : null
  const ids = Array.isArray(answer) ? answer : [answer]
  return ids
    .map((id) => {
      const option = question.options?.find((o) => o.id === id)
      return option ? localize(option.title, language.lang, language.fallback) || option.key : id
    })
    .join(', ')
}

/** Questions with their answers, and why each was shown or hidden (the shared evaluator). */
export function questionDetails(
  questions: readonly Question[],
  answers: Answers,
  language: Language,
): QuestionDetail[] {
  const evaluation = evaluateQuestionnaire(questions, answers)
  return questions.map((question) => {
    const state = evaluation.byId[question.id]!
    const answer = answers[question.id]
    return {
      questionId: question.id,
      key: question.key,
      type: question.type,
      title: localize(question.title, language.lang, language.fallback) || question.key,
      mandatory: question.mandatory === true,
      shown: state.visible,
      explanation: explainVisibility(state, questions, language.lang, language.fallback),
      answer: answer ?? null,
      answerText: answerText(question, answer, language),
    }
  })
}

/** The flow's steps with what the session collected in each (operator answers included). */
export function stepDetails(
  flow: Flow,
  collected: {
    answers: Record<string, Answers>
    operatorAnswers: Record<string, Answers>
    state: RunnerState
    media: readonly MediaRow[]
  },
  language: Language,
): StepDetail[] {
  return flow.steps.map((step) => {
    const media = collected.media.filter((m) => m.step_id === step.id).map((m) => m.id)
    const base = {
      stepId: step.id,
      type: step.type,
      key: step.key,
      title: localize(step.title, language.lang, language.fallback) || step.key,
      media,
    }
    if (step.type === 'user-questionnaire' || step.type === 'operator-questionnaire') {
      const source =
        step.type === 'user-questionnaire' ? collected.answers : collected.operatorAnswers
      const answers = source[step.id]
      return {
        ...base,
        collected: answers !== undefined,
        questions: questionDetails(step.questions, answers ?? {}, language),
      }
    }
    const contact = collected.state.contacts?.[step.id]
    return {
      ...base,
      collected: media.length > 0 || contact !== undefined,
      ...(contact
        ? {
            contact: {
              channel: contact.channel,
              value: contact.value,
              verified: Boolean(contact.verifiedAt),
            },
          }
        : {}),
    }
  })
}
