import { describe, expect, it } from 'vitest'
import {
  dependentsOf,
  duplicateQuestion,
  insertQuestion,
  removeQuestion,
  updateQuestion,
  withQuestionFields,
} from './question-edits.ts'
import { sampleQuestions } from './test-flows.ts'

describe('insertQuestion', () => {
  it('creates a text question with a unique key', () => {
    const { questions, question } = insertQuestion(sampleQuestions(), 'string', 1)
    expect(question.key).toBe('question_4')
    expect(questions[1]).toBe(question)
    expect(question.options).toBeUndefined()
  })

  it('gives a choice question one option with a questionnaire-unique key', () => {
    const { question } = insertQuestion([], 'options')
    expect(question.options).toHaveLength(1)
    expect(question.options![0]!.key).toBe('option_1')
    const again = insertQuestion([question], 'multiple-choice').question
    expect(again.options![0]!.key).toBe('option_2')
  })
})

describe('renaming a key', () => {
  it('keeps every condition working (they refer to ids)', () => {
    const questions = updateQuestion(sampleQuestions(), 'q_emp', (q) =>
      withQuestionFields(q, { key: 'work_status' }),
    )
    expect(questions[0]!.key).toBe('work_status')
    expect(dependentsOf(questions, 'q_emp').map((d) => d.question.key)).toEqual([
      'employer',
      'income',
    ])
  })
})

describe('dependentsOf and removeQuestion', () => {
  it('lists the questions and clauses that refer to a question', () => {
    const deps = dependentsOf(sampleQuestions(), 'q_emp')
    expect(deps.map((d) => [d.question.key, d.index, d.clauses.length])).toEqual([
      ['employer', 1, 1],
      ['income', 2, 1],
    ])
    expect(dependentsOf(sampleQuestions(), 'q_income')).toEqual([])
  })

  it('removes the question with the clauses that referred to it, and empty conditions', () => {
    const questions = removeQuestion(sampleQuestions(), 'q_emp')
    expect(questions.map((q) => q.key)).toEqual(['employer', 'income'])
    expect(questions[0]!.showWhen).toBeUndefined()
    expect('showWhen' in questions[0]!).toBe(false)
    expect(questions[1]!.showWhen).toEqual({ any: [{ question: 'q_employer', op: 'answered' }] })
  })

  it('keeps questions that did not depend on it untouched', () => {
    const original = sampleQuestions()
    const questions = removeQuestion(original, 'q_income')
    expect(questions[0]).toBe(original[0])
    expect(questions[1]).toBe(original[1])
  })
})

describe('withQuestionFields', () => {
  it('drops false switches and undefined fields', () => {
    const q = withQuestionFields(sampleQuestions()[0]!, { mandatory: false, title: undefined })
    expect('mandatory' in q || 'title' in q).toBe(false)
  })
})

describe('duplicateQuestion', () => {
  it('copies after the original with new ids, unique keys and its answer remapped', () => {
    const { questions, question } = duplicateQuestion(sampleQuestions(), 'q_income')
    expect(questions.map((q) => q.key)).toEqual(['employment', 'employer', 'income', 'income_copy'])
    expect(question!.id).not.toBe('q_income')
    expect(question!.options!.map((o) => o.key)).toEqual(['salary_copy', 'gifts_copy'])
    expect(question!.answer).toEqual([question!.options![0]!.id])
    expect(question!.showWhen).toEqual(sampleQuestions()[2]!.showWhen)
  })
})
