import type { Step } from '@veriflow/schema'
import { describe, expect, it } from 'vitest'
import { sessionDetail } from '../test-support.ts'
import { operatorIssuesByQuestion, operatorSteps, sameAnswers } from './operator-form.ts'

const operator = {
  id: 's_ops',
  type: 'operator-questionnaire',
  key: 'checks',
  questions: [
    { id: 'q_docs', type: 'options', key: 'docs', title: 'Docs?', options: [] },
    { id: 'q_problem', type: 'string', key: 'problem', title: 'Problem?' },
  ],
} as unknown as Step

describe('operatorSteps', () => {
  const { steps } = sessionDetail()

  it('takes the document’s operator questionnaires when they match the session', () => {
    expect(operatorSteps([operator], steps)).toEqual({ steps: [operator], consistent: true })
  })

  it('refuses a draft that moved on since the launch', () => {
    const changed = {
      ...operator,
      questions: [(operator as { questions: unknown[] }).questions[0]],
    }
    expect(operatorSteps([changed as Step], steps).consistent).toBe(false)
    expect(operatorSteps([], steps).consistent).toBe(false)
  })
})

describe('operatorIssuesByQuestion', () => {
  it('reads the question out of /answers/<step>/<question>; the rest go under ""', () => {
    const byId = operatorIssuesByQuestion(
      [
        { code: 'ANSWER_REQUIRED', message: 'must be answered', path: '/answers/s_ops/q_docs' },
        { code: 'ANSWER_INVALID', message: 'bad', path: '/answers/s_ops/q~1odd' },
        { code: 'OPERATOR_STEP_NOT_FOUND', message: 'no step', path: '/answers/s_other' },
        { code: 'X', message: 'other step', path: '/answers/s_other/q_docs' },
      ],
      's_ops',
    )
    expect(Object.keys(byId).sort()).toEqual(['', 'q/odd', 'q_docs'])
    expect(byId['']?.code).toBe('OPERATOR_STEP_NOT_FOUND')
  })
})

describe('sameAnswers', () => {
  it('ignores the order of a multiple choice and blank answers', () => {
    expect(sameAnswers({ a: ['x', 'y'] }, { a: ['y', 'x'] })).toBe(true)
    expect(sameAnswers({ a: '' }, {})).toBe(true)
    expect(sameAnswers({ a: 'x' }, { a: 'y' })).toBe(false)
  })
})
