import type { Question } from '@veriflow/schema'
import { describe, expect, it } from 'vitest'
import { answerIssuesById, initialAnswers, submissionOf } from './questionnaire-form.ts'

const questions: Question[] = [
  {
    id: 'q_emp',
    type: 'options',
    key: 'employment',
    mandatory: true,
    options: [
      { id: 'o_employed', key: 'employed' },
      { id: 'o_other', key: 'other' },
    ],
  },
  {
    id: 'q_employer',
    type: 'string',
    key: 'employer',
    mandatory: true,
    showWhen: { all: [{ question: 'q_emp', op: 'equals', value: 'o_employed' }] },
  },
  {
    id: 'q_since',
    type: 'string',
    key: 'since',
    showWhen: { all: [{ question: 'q_employer', op: 'answered' }] },
  },
  { id: 'q_country', type: 'string', key: 'country', readOnly: true, answer: 'GEO' },
  {
    id: 'q_topics',
    type: 'multiple-choice',
    key: 'topics',
    answer: ['o_a'],
    options: [
      { id: 'o_a', key: 'a' },
      { id: 'o_b', key: 'b' },
    ],
  },
]

describe('initialAnswers', () => {
  it('starts from presets, prefers saved answers, and keeps read-only presets', () => {
    expect(initialAnswers(questions)).toEqual({ q_country: 'GEO', q_topics: ['o_a'] })
    expect(initialAnswers(questions, { q_emp: 'o_other', q_country: 'USA', q_topics: [] })).toEqual(
      { q_emp: 'o_other', q_country: 'GEO', q_topics: [] },
    )
  })

  it('copies preset lists so editing the form never edits the flow', () => {
    const answers = initialAnswers(questions)
    ;(answers.q_topics as string[]).push('o_b')
    expect(questions[4]!.answer).toEqual(['o_a'])
  })
})

describe('submissionOf', () => {
  it('requires a visible mandatory question and never a hidden one', () => {
    expect(submissionOf(questions, {}).missing).toEqual(['q_emp'])
    expect(submissionOf(questions, { q_emp: 'o_other' }).missing).toEqual([])
    expect(submissionOf(questions, { q_emp: 'o_employed' }).missing).toEqual(['q_employer'])
  })

  it('drops hidden answers (cascading) and blanks', () => {
    const sub = submissionOf(questions, {
      q_emp: 'o_other',
      q_employer: 'ACME',
      q_since: '2020',
      q_country: 'GEO',
      q_topics: [],
    })
    expect(sub.answers).toEqual({ q_emp: 'o_other', q_country: 'GEO' })
    expect(sub.evaluation.byId.q_since?.visible).toBe(false)
  })

  it('keeps the answers of questions shown by a condition', () => {
    const sub = submissionOf(questions, {
      q_emp: 'o_employed',
      q_employer: 'ACME',
      q_since: '2020',
    })
    expect(sub.answers).toEqual({ q_emp: 'o_employed', q_employer: 'ACME', q_since: '2020' })
  })
})

describe('answerIssuesById', () => {
  it('maps the API’s answer paths to question ids (JSON pointers unescaped)', () => {
    const issues = answerIssuesById([
      { code: 'ANSWER_REQUIRED', message: 'm1', path: '/answers/q_emp' },
      { code: 'ANSWER_INVALID', message: 'm2', path: '/answers/a~1b' },
      { code: 'VALIDATION_FAILED', message: 'm3' },
    ])
    expect(Object.keys(issues).sort()).toEqual(['', 'a/b', 'q_emp'])
    expect(issues.q_emp?.code).toBe('ANSWER_REQUIRED')
  })
})
