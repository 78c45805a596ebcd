import { describe, expect, it } from 'vitest'
import { insertOption, moveOption, optionUses, removeOption, updateOption } from './option-edits.ts'
import { sampleQuestions } from './test-flows.ts'

describe('option edits', () => {
  it('adds, moves and renames options', () => {
    const { questions, option } = insertOption(sampleQuestions(), 'q_emp')
    expect(questions[0]!.options!.at(-1)).toBe(option)
    const moved = moveOption(questions, 'q_emp', 2, 0)
    expect(moved[0]!.options!.map((o) => o.id)[0]).toBe(option.id)
    const renamed = updateOption(moved, 'q_emp', 'o_other', { key: 'something_else' })
    expect(renamed[0]!.options!.find((o) => o.id === 'o_other')!.key).toBe('something_else')
    expect(renamed[1]).toBe(moved[1])
  })

  it('finds the clauses and the preset that use an option', () => {
    const uses = optionUses(sampleQuestions(), 'q_emp', 'o_employed')
    expect(uses.dependents.map((d) => d.question.key)).toEqual(['employer', 'income'])
    expect(uses.preset).toBe(false)
    expect(optionUses(sampleQuestions(), 'q_income', 'o_salary').preset).toBe(true)
  })

  it('removes an option with its uses', () => {
    const questions = removeOption(sampleQuestions(), 'q_emp', 'o_employed')
    expect(questions[0]!.options!.map((o) => o.id)).toEqual(['o_other'])
    expect(questions[1]!.showWhen).toBeUndefined()
    expect(questions[2]!.showWhen!.any![0]).toEqual({
      question: 'q_emp',
      op: 'in',
      value: ['o_other'],
    })
    const noPreset = removeOption(sampleQuestions(), 'q_income', 'o_salary')
    expect(noPreset[2]!.answer).toBeUndefined()
  })
})
