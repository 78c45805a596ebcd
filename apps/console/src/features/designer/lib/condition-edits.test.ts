import { describe, expect, it } from 'vitest'
import {
  addClause,
  clausesOf,
  conditionCandidates,
  newClause,
  removeClause,
  replaceClause,
  retargetClause,
  valueFor,
  withMode,
  withOperator,
} from './condition-edits.ts'
import { sampleQuestions } from './test-flows.ts'

const [emp, employer, income] = sampleQuestions()

describe('condition builder edits', () => {
  it('offers only earlier questions', () => {
    expect(conditionCandidates(sampleQuestions(), 0)).toEqual([])
    expect(conditionCandidates(sampleQuestions(), 2).map((q) => q.key)).toEqual([
      'employment',
      'employer',
    ])
  })

  it('starts a clause on the nearest earlier question with a fitting value', () => {
    expect(newClause([emp!])).toEqual({ question: 'q_emp', op: 'equals', value: 'o_employed' })
    expect(newClause([emp!, employer!])).toEqual({ question: 'q_employer', op: 'answered' })
    expect(newClause([])).toBeNull()
  })

  it('adds, replaces and removes clauses; the last one removes the condition', () => {
    const one = addClause(undefined, { question: 'q_emp', op: 'answered' })
    expect(one).toEqual({ all: [{ question: 'q_emp', op: 'answered' }] })
    const two = addClause(one, { question: 'q_employer', op: 'notAnswered' })
    expect(clausesOf(two).clauses).toHaveLength(2)
    const replaced = replaceClause(two, 0, { question: 'q_emp', op: 'equals', value: 'o_other' })
    expect(replaced!.all![0]!.value).toBe('o_other')
    expect(removeClause(removeClause(two, 0), 0)).toBeUndefined()
  })

  it('switches between all and any', () => {
    expect(withMode(income!.showWhen, 'all')).toEqual({ all: income!.showWhen!.any })
    expect(withMode(undefined, 'any')).toBeUndefined()
  })

  it('fits values to the operator and the question', () => {
    expect(valueFor(emp, 'in', 'o_other')).toEqual(['o_other'])
    expect(valueFor(emp, 'equals', ['o_other', 'o_employed'])).toBe('o_other')
    expect(valueFor(emp, 'equals', 'gone')).toBe('o_employed')
    expect(valueFor(employer, 'equals')).toBe('')
    expect(valueFor(employer, 'answered', 'x')).toBeUndefined()
    const clause = { question: 'q_emp', op: 'equals' as const, value: 'o_other' }
    expect(withOperator(clause, 'answered', emp)).toEqual({ question: 'q_emp', op: 'answered' })
    expect(withOperator(clause, 'in', emp)).toEqual({ ...clause, op: 'in', value: ['o_other'] })
  })

  it('resets the value when the clause moves to another question', () => {
    const clause = { question: 'q_emp', op: 'equals' as const, value: 'o_other' }
    expect(retargetClause(clause, income!)).toEqual({
      question: 'q_income',
      op: 'equals',
      value: 'o_salary',
    })
    expect(retargetClause(clause, employer!)).toEqual({
      question: 'q_employer',
      op: 'equals',
      value: '',
    })
  })
})
