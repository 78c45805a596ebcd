import { describe, expect, it } from 'vitest'
import {
  choice,
  expectClean,
  expectIssue,
  expectIssues,
  expectNoIssue,
  flow,
  multi,
  question,
  questionnaire,
  text,
} from '../test-support/flows.ts'

/** A flow with one questionnaire holding `questions`. */
const withQuestions = (...questions: unknown[]) => flow([questionnaire('s_q', questions)])

describe('QUESTIONNAIRE_EMPTY', () => {
  it('accepts a questionnaire with questions', () => {
    expectNoIssue(withQuestions(text('q_1')), 'QUESTIONNAIRE_EMPTY')
  })

  it('warns about a questionnaire without questions', () => {
    expectIssue(withQuestions(), 'QUESTIONNAIRE_EMPTY', '/steps/0/questions', 'warning')
  })

  it('warns for operator questionnaires too, at their own index', () => {
    const doc = flow([
      questionnaire('s_1', [text('q_1')]),
      questionnaire('s_2', [], { type: 'operator-questionnaire' }),
    ])
    expectIssue(doc, 'QUESTIONNAIRE_EMPTY', '/steps/1/questions', 'warning')
  })
})

describe('QUESTION_OPTIONS_MISSING', () => {
  it('accepts options and multiple-choice questions with options', () => {
    expectClean(withQuestions(choice('q_1', ['o_1']), multi('q_2', ['o_2', 'o_3'])))
  })

  it('points at the question when "options" is absent', () => {
    expectIssue(
      withQuestions(question('q_1', 'options')),
      'QUESTION_OPTIONS_MISSING',
      '/steps/0/questions/0',
    )
  })

  it('points at the empty "options" list when it is present', () => {
    expectIssue(
      withQuestions(text('q_0'), multi('q_1', [])),
      'QUESTION_OPTIONS_MISSING',
      '/steps/0/questions/1/options',
    )
  })

  it('reports each question without options', () => {
    expectIssues(
      withQuestions(question('q_1', 'multiple-choice'), choice('q_2', [])),
      'QUESTION_OPTIONS_MISSING',
      [
        { path: '/steps/0/questions/0', severity: 'error' },
        { path: '/steps/0/questions/1/options', severity: 'error' },
      ],
    )
  })

  it('does not require options of a "string" question', () => {
    expectClean(withQuestions(text('q_1'), text('q_2', { options: [] })))
  })
})

describe('QUESTION_OPTIONS_IGNORED', () => {
  it('warns about options on a "string" question', () => {
    const doc = withQuestions(text('q_1', { options: [{ id: 'o_1', key: 'a' }] }))
    expectIssue(doc, 'QUESTION_OPTIONS_IGNORED', '/steps/0/questions/0/options', 'warning')
    expectNoIssue(doc, 'QUESTION_OPTIONS_MISSING')
  })

  it('does not warn about options of an "options" question', () => {
    expectNoIssue(withQuestions(choice('q_1', ['o_1'])), 'QUESTION_OPTIONS_IGNORED')
  })
})

describe('ANSWER_TYPE_MISMATCH', () => {
  it('accepts presets of the right type', () => {
    expectClean(
      withQuestions(
        text('q_1', { answer: 'preset' }),
        choice('q_2', ['o_1', 'o_2'], { answer: 'o_2' }),
        multi('q_3', ['o_3', 'o_4'], { answer: ['o_3', 'o_4'] }),
        multi('q_4', ['o_5'], { answer: [] }),
      ),
    )
  })

  it('reports a list preset on a "string" question', () => {
    expectIssue(
      withQuestions(text('q_1', { answer: ['a'] })),
      'ANSWER_TYPE_MISMATCH',
      '/steps/0/questions/0/answer',
    )
  })

  it('reports a list preset on an "options" question', () => {
    const doc = withQuestions(choice('q_1', ['o_1'], { answer: ['o_1'] }))
    expectIssue(doc, 'ANSWER_TYPE_MISMATCH', '/steps/0/questions/0/answer')
    expectNoIssue(doc, 'ANSWER_NOT_AN_OPTION')
  })

  it('reports a single preset on a "multiple-choice" question', () => {
    expectIssue(
      withQuestions(multi('q_1', ['o_1'], { answer: 'o_1' })),
      'ANSWER_TYPE_MISMATCH',
      '/steps/0/questions/0/answer',
    )
  })
})

describe('ANSWER_NOT_AN_OPTION', () => {
  it('reports an "options" preset that is not one of its option ids', () => {
    const [issue] = expectIssues(
      withQuestions(choice('q_1', ['o_1'], { answer: 'o_9' })),
      'ANSWER_NOT_AN_OPTION',
      [{ path: '/steps/0/questions/0/answer', severity: 'error' }],
    )
    expect(issue!.message).toContain('"o_9"')
  })

  it('takes option ids, not option keys', () => {
    const doc = withQuestions(
      choice('q_1', [], { options: [{ id: 'o_1', key: 'yes' }], answer: 'yes' }),
    )
    expectIssue(doc, 'ANSWER_NOT_AN_OPTION', '/steps/0/questions/0/answer')
  })

  it('does not accept an option of another question', () => {
    const doc = withQuestions(choice('q_1', ['o_1']), choice('q_2', ['o_2'], { answer: 'o_1' }))
    expectIssue(doc, 'ANSWER_NOT_AN_OPTION', '/steps/0/questions/1/answer')
  })

  it('reports each unknown entry of a "multiple-choice" preset at its index', () => {
    const doc = withQuestions(
      multi('q_1', ['o_1', 'o_2'], { answer: ['o_1', 'nope', 'o_2', 'gone'] }),
    )
    expectIssues(doc, 'ANSWER_NOT_AN_OPTION', [
      { path: '/steps/0/questions/0/answer/1', severity: 'error' },
      { path: '/steps/0/questions/0/answer/3', severity: 'error' },
    ])
  })
})

describe('ANSWER_DUPLICATE_OPTION', () => {
  it('warns about an option preset twice, at the repetition', () => {
    const doc = withQuestions(multi('q_1', ['o_1', 'o_2'], { answer: ['o_1', 'o_2', 'o_1'] }))
    expectIssue(doc, 'ANSWER_DUPLICATE_OPTION', '/steps/0/questions/0/answer/2', 'warning')
  })

  it('does not report a repeated unknown option as a duplicate', () => {
    const doc = withQuestions(multi('q_1', ['o_1'], { answer: ['x', 'x'] }))
    expectNoIssue(doc, 'ANSWER_DUPLICATE_OPTION')
    expectIssues(doc, 'ANSWER_NOT_AN_OPTION', [
      { path: '/steps/0/questions/0/answer/0', severity: 'error' },
      { path: '/steps/0/questions/0/answer/1', severity: 'error' },
    ])
  })
})

describe('QUESTION_UNANSWERABLE', () => {
  it('accepts a mandatory read-only question with a preset', () => {
    expectClean(
      withQuestions(
        text('q_1', { readOnly: true, mandatory: true, answer: 'fixed' }),
        multi('q_2', ['o_1'], { readOnly: true, mandatory: true, answer: ['o_1'] }),
      ),
    )
  })

  it('accepts a read-only question without a preset that is not mandatory', () => {
    expectNoIssue(withQuestions(text('q_1', { readOnly: true })), 'QUESTION_UNANSWERABLE')
  })

  it('accepts a mandatory question without a preset that is not read-only', () => {
    expectNoIssue(withQuestions(text('q_1', { mandatory: true })), 'QUESTION_UNANSWERABLE')
  })

  it('warns at readOnly when a mandatory read-only question has no preset', () => {
    expectIssue(
      withQuestions(text('q_1', { readOnly: true, mandatory: true })),
      'QUESTION_UNANSWERABLE',
      '/steps/0/questions/0/readOnly',
      'warning',
    )
  })

  it('treats an empty text or an empty selection as no preset', () => {
    const doc = withQuestions(
      text('q_1', { readOnly: true, mandatory: true, answer: '' }),
      multi('q_2', ['o_1'], { readOnly: true, mandatory: true, answer: [] }),
    )
    expectIssues(doc, 'QUESTION_UNANSWERABLE', [
      { path: '/steps/0/questions/0/readOnly', severity: 'warning' },
      { path: '/steps/0/questions/1/readOnly', severity: 'warning' },
    ])
  })

  it('treats a whitespace-only preset as no preset (the evaluator does not count it as an answer)', () => {
    const doc = withQuestions(text('q_1', { readOnly: true, mandatory: true, answer: '   ' }))
    expectIssue(doc, 'QUESTION_UNANSWERABLE', '/steps/0/questions/0/readOnly', 'warning')
  })
})

describe('robustness', () => {
  it('ignores questions that are not objects', () => {
    const doc = withQuestions(null, 3, 'text', [])
    expectNoIssue(doc, 'QUESTION_OPTIONS_MISSING')
    expectNoIssue(doc, 'QUESTIONNAIRE_EMPTY')
  })
})
