import { validateFlow } from '@veriflow/schema'
import { describe, expect, it } from 'vitest'
import { changeQuestionType } from './question-type.ts'
import { sampleFlow, sampleQuestions } from './test-flows.ts'

const withQuestions = (questions: ReturnType<typeof sampleQuestions>) => {
  const flow = sampleFlow()
  flow.steps[1] = { ...flow.steps[1]!, questions } as (typeof flow.steps)[number]
  return flow
}

describe('changeQuestionType', () => {
  it('keeps options and turns a single preset into a list (options → multiple-choice)', () => {
    const start = sampleQuestions()
    start[0] = { ...start[0]!, answer: 'o_other' }
    const questions = changeQuestionType(start, 'q_emp', 'multiple-choice')
    expect(questions[0]).toMatchObject({
      type: 'multiple-choice',
      key: 'employment',
      mandatory: true,
      answer: ['o_other'],
    })
    expect(questions[0]!.options).toBe(start[0]!.options)
    expect(questions[1]).toBe(start[1])
    expect(validateFlow(withQuestions(questions)).valid).toBe(true)
  })

  it('keeps the first picked option (multiple-choice → options)', () => {
    const questions = changeQuestionType(sampleQuestions(), 'q_income', 'options')
    expect(questions[2]).toMatchObject({ type: 'options', answer: 'o_salary' })
    expect(questions[2]!.showWhen).toEqual(sampleQuestions()[2]!.showWhen)
  })

  it('drops options and turns clauses on them into text clauses (→ string)', () => {
    const questions = changeQuestionType(sampleQuestions(), 'q_emp', 'string')
    expect(questions[0]!.options).toBeUndefined()
    expect(questions[0]).toMatchObject({
      type: 'string',
      mandatory: true,
      title: { en: 'Employment' },
    })
    expect(questions[1]!.showWhen).toEqual({
      all: [{ question: 'q_emp', op: 'equals', value: 'employed' }],
    })
    expect(questions[2]!.showWhen!.any![0]!.value).toEqual(['employed', 'other'])
    expect(validateFlow(withQuestions(questions)).valid).toBe(true)
  })

  it('gives a text question one option and maps matching text (string → options)', () => {
    const start = sampleQuestions()
    start[1] = { ...start[1]!, answer: 'ACME' }
    const questions = changeQuestionType(start, 'q_employer', 'options')
    expect(questions[1]!.options).toHaveLength(1)
    expect(questions[1]!.answer).toBeUndefined()
    expect(questions[1]!.showWhen).toEqual(start[1]!.showWhen)
  })

  it('maps text presets and clause values that name an option back to it', () => {
    const toText = changeQuestionType(sampleQuestions(), 'q_emp', 'string')
    const withOptions = toText.map((q) =>
      q.id === 'q_emp' ? { ...q, answer: 'Other', options: sampleQuestions()[0]!.options } : q,
    )
    const back = changeQuestionType(withOptions, 'q_emp', 'options')
    expect(back[0]!.answer).toBe('o_other')
    expect(back[1]!.showWhen).toEqual(sampleQuestions()[1]!.showWhen)
  })

  it('is a no-op for the same type or an unknown question', () => {
    const start = sampleQuestions()
    expect(changeQuestionType(start, 'q_emp', 'options')).toBe(start)
    expect(changeQuestionType(start, 'nope', 'string')).toBe(start)
  })
})
