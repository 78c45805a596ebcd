import { describe, expect, it } from 'vitest'
import type { ConditionClause } from '../questionnaire.schema.ts'
import {
  choice,
  expectClean,
  expectIssue,
  expectIssues,
  expectNoIssue,
  flow,
  multi,
  questionnaire,
  text,
} from '../test-support/flows.ts'

const when = (...all: Array<Partial<ConditionClause>>) => ({
  showWhen: { all: all as ConditionClause[] },
})
const whenAny = (...any: Array<Partial<ConditionClause>>) => ({
  showWhen: { any: any as ConditionClause[] },
})
const withQuestions = (...questions: unknown[]) => flow([questionnaire('s_q', questions)])

/** Employment (options), Hobbies (multiple-choice), Name (string), then the question under test. */
const EARLIER = [
  choice('q_job', ['o_employed', 'o_other']),
  multi('q_hobbies', ['o_chess', 'o_golf']),
  text('q_name'),
]

describe('valid conditions', () => {
  it('accepts every operator on earlier questions of the same questionnaire', () => {
    expectClean(
      withQuestions(
        ...EARLIER,
        text('q_a', when({ question: 'q_job', op: 'equals', value: 'o_employed' })),
        text('q_b', when({ question: 'q_job', op: 'notEquals', value: 'o_other' })),
        text('q_c', when({ question: 'q_hobbies', op: 'in', value: ['o_chess', 'o_golf'] })),
        text(
          'q_d',
          when(
            { question: 'q_name', op: 'answered' },
            { question: 'q_hobbies', op: 'notAnswered' },
          ),
        ),
        text(
          'q_e',
          whenAny(
            { question: 'q_name', op: 'equals', value: 'free text' },
            { question: 'q_a', op: 'answered' },
          ),
        ),
      ),
    )
  })

  it('accepts any text as the value for a "string" question', () => {
    expectClean(
      withQuestions(
        text('q_1'),
        text('q_2', when({ question: 'q_1', op: 'in', value: ['yes', 'no'] })),
      ),
    )
  })
})

describe('CONDITION_UNKNOWN_QUESTION', () => {
  it("reports an id that is no question at the clause's question", () => {
    const doc = withQuestions(
      ...EARLIER,
      text(
        'q_x',
        when({ question: 'q_job', op: 'answered' }, { question: 'q_gone', op: 'answered' }),
      ),
    )
    const [issue] = expectIssues(doc, 'CONDITION_UNKNOWN_QUESTION', [
      { path: '/steps/0/questions/3/showWhen/all/1/question', severity: 'error' },
    ])
    expect(issue!.message).toContain('"q_gone"')
  })

  it('reports a question of another questionnaire', () => {
    const doc = flow([
      questionnaire('s_1', [choice('q_1', ['o_1'])]),
      questionnaire('s_2', [text('q_2', when({ question: 'q_1', op: 'equals', value: 'o_1' }))]),
    ])
    expectIssue(doc, 'CONDITION_UNKNOWN_QUESTION', '/steps/1/questions/0/showWhen/all/0/question')
    expectNoIssue(doc, 'CONDITION_UNKNOWN_OPTION')
  })

  it('reports a step id or an option id used as a question', () => {
    const doc = withQuestions(
      choice('q_1', ['o_1']),
      text(
        'q_2',
        whenAny({ question: 's_q', op: 'answered' }, { question: 'o_1', op: 'answered' }),
      ),
    )
    expectIssues(doc, 'CONDITION_UNKNOWN_QUESTION', [
      { path: '/steps/0/questions/1/showWhen/any/0/question', severity: 'error' },
      { path: '/steps/0/questions/1/showWhen/any/1/question', severity: 'error' },
    ])
  })
})

describe('CONDITION_FORWARD_REFERENCE', () => {
  it('reports a reference to a later question', () => {
    const doc = withQuestions(text('q_1', when({ question: 'q_2', op: 'answered' })), text('q_2'))
    expectIssue(doc, 'CONDITION_FORWARD_REFERENCE', '/steps/0/questions/0/showWhen/all/0/question')
    expectNoIssue(doc, 'CONDITION_UNKNOWN_QUESTION')
  })

  it('reports a question that refers to itself', () => {
    const doc = withQuestions(
      text('q_0'),
      choice('q_1', ['o_1'], whenAny({ question: 'q_1', op: 'equals', value: 'o_1' })),
    )
    expectIssue(doc, 'CONDITION_FORWARD_REFERENCE', '/steps/0/questions/1/showWhen/any/0/question')
  })

  it('reports a forward reference far down a long questionnaire', () => {
    const many = Array.from({ length: 30 }, (_, n) => text(`q_${n}`))
    many[2] = text('q_2', when({ question: 'q_29', op: 'answered' }))
    many[20] = text('q_20', when({ question: 'q_0', op: 'answered' }))
    expectIssue(
      withQuestions(...many),
      'CONDITION_FORWARD_REFERENCE',
      '/steps/0/questions/2/showWhen/all/0/question',
    )
  })
})

describe('CONDITION_UNKNOWN_OPTION', () => {
  it('reports an "equals" value that is no option id of the referenced question', () => {
    const doc = withQuestions(
      ...EARLIER,
      text('q_x', when({ question: 'q_job', op: 'equals', value: 'employed' })),
    )
    const [issue] = expectIssues(doc, 'CONDITION_UNKNOWN_OPTION', [
      { path: '/steps/0/questions/3/showWhen/all/0/value', severity: 'error' },
    ])
    expect(issue!.message).toContain('"employed"')
  })

  it('reports a "notEquals" value on a multiple-choice question', () => {
    const doc = withQuestions(
      ...EARLIER,
      text('q_x', whenAny({ question: 'q_hobbies', op: 'notEquals', value: 'o_employed' })),
    )
    expectIssue(doc, 'CONDITION_UNKNOWN_OPTION', '/steps/0/questions/3/showWhen/any/0/value')
  })

  it('reports each unknown value of "in" at its index', () => {
    const doc = withQuestions(
      ...EARLIER,
      text(
        'q_x',
        when({
          question: 'q_hobbies',
          op: 'in',
          value: ['o_chess', 'o_tennis', 'o_golf', 'o_polo'],
        }),
      ),
    )
    expectIssues(doc, 'CONDITION_UNKNOWN_OPTION', [
      { path: '/steps/0/questions/3/showWhen/all/0/value/1', severity: 'error' },
      { path: '/steps/0/questions/3/showWhen/all/0/value/3', severity: 'error' },
    ])
  })

  it('does not check values of a "string" question against options', () => {
    expectNoIssue(
      withQuestions(
        ...EARLIER,
        text('q_x', when({ question: 'q_name', op: 'equals', value: 'o_nope' })),
      ),
      'CONDITION_UNKNOWN_OPTION',
    )
  })
})

describe('CONDITION_VALUE_INVALID', () => {
  it('points at the clause when "equals" has no value', () => {
    const doc = withQuestions(...EARLIER, text('q_x', when({ question: 'q_job', op: 'equals' })))
    expectIssue(doc, 'CONDITION_VALUE_INVALID', '/steps/0/questions/3/showWhen/all/0')
  })

  it('points at the value when "notEquals" gets a list', () => {
    const doc = withQuestions(
      ...EARLIER,
      text('q_x', when({ question: 'q_job', op: 'notEquals', value: ['o_other'] })),
    )
    expectIssue(doc, 'CONDITION_VALUE_INVALID', '/steps/0/questions/3/showWhen/all/0/value')
    expectNoIssue(doc, 'CONDITION_UNKNOWN_OPTION')
  })

  it('reports "in" with one value instead of a list, an empty list, or none', () => {
    const doc = withQuestions(
      ...EARLIER,
      text(
        'q_x',
        when(
          { question: 'q_job', op: 'in', value: 'o_other' },
          { question: 'q_job', op: 'in', value: [] },
          { question: 'q_job', op: 'in' },
        ),
      ),
    )
    expectIssues(doc, 'CONDITION_VALUE_INVALID', [
      { path: '/steps/0/questions/3/showWhen/all/0/value', severity: 'error' },
      { path: '/steps/0/questions/3/showWhen/all/1/value', severity: 'error' },
      { path: '/steps/0/questions/3/showWhen/all/2', severity: 'error' },
    ])
  })
})

describe('CONDITION_VALUE_UNEXPECTED', () => {
  it('reports a value given to "answered" or "notAnswered"', () => {
    const doc = withQuestions(
      ...EARLIER,
      text(
        'q_x',
        whenAny(
          { question: 'q_name', op: 'answered', value: 'x' },
          { question: 'q_job', op: 'notAnswered', value: ['o_other'] },
        ),
      ),
    )
    expectIssues(doc, 'CONDITION_VALUE_UNEXPECTED', [
      { path: '/steps/0/questions/3/showWhen/any/0/value', severity: 'error' },
      { path: '/steps/0/questions/3/showWhen/any/1/value', severity: 'error' },
    ])
  })

  it('accepts "answered" without a value', () => {
    expectNoIssue(
      withQuestions(...EARLIER, text('q_x', when({ question: 'q_name', op: 'answered' }))),
      'CONDITION_VALUE_UNEXPECTED',
    )
  })
})

describe('robustness', () => {
  it('skips clauses and conditions of the wrong shape (the schema reports them)', () => {
    const doc = withQuestions(
      text('q_1'),
      text('q_2', { showWhen: 5 as never }),
      text('q_3', { showWhen: { all: 'q_1' } as never }),
      text('q_4', {
        showWhen: {
          all: [null, 7, { question: 5, op: 'answered' }, { question: 'q_1', op: 'bogus' }],
        } as never,
      }),
    )
    const codes = new Set([
      'CONDITION_UNKNOWN_QUESTION',
      'CONDITION_FORWARD_REFERENCE',
      'CONDITION_VALUE_INVALID',
      'CONDITION_VALUE_UNEXPECTED',
      'CONDITION_UNKNOWN_OPTION',
    ])
    for (const code of codes) expectNoIssue(doc, code)
  })
})
