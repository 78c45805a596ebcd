import { describe, expect, it } from 'vitest'
import {
  choice,
  expectClean,
  expectIssue,
  expectIssues,
  expectNoIssue,
  flagStep,
  flow,
  option,
  questionnaire,
  text,
} from '../test-support/flows.ts'

describe('ID_DUPLICATE', () => {
  it('accepts distinct ids for steps, questions and options', () => {
    expectClean(
      flow([
        flagStep('s_doc', 'email'),
        questionnaire('s_q', [choice('q_1', ['o_1', 'o_2']), text('q_2')]),
        questionnaire('s_q2', [choice('q_3', ['o_3'])]),
      ]),
    )
  })

  it('reports a second step with the same id at its id', () => {
    const doc = flow([
      flagStep('s_1', 'email', { key: 'a' }),
      flagStep('s_1', 'phone-number', { key: 'b' }),
    ])
    const [issue] = expectIssues(doc, 'ID_DUPLICATE', [{ path: '/steps/1/id', severity: 'error' }])
    expect(issue!.message).toContain('/steps/0')
  })

  it('treats steps, questions and options as one namespace', () => {
    const doc = flow([questionnaire('x', [text('q_1'), choice('q_2', ['x', 'q_1'])])])
    expectIssues(doc, 'ID_DUPLICATE', [
      { path: '/steps/0/questions/1/options/0/id', severity: 'error' },
      { path: '/steps/0/questions/1/options/1/id', severity: 'error' },
    ])
  })

  it('reports a question id reused in another questionnaire', () => {
    const doc = flow([questionnaire('s_1', [text('q_1')]), questionnaire('s_2', [text('q_1')])])
    const [issue] = expectIssues(doc, 'ID_DUPLICATE', [
      { path: '/steps/1/questions/0/id', severity: 'error' },
    ])
    expect(issue!.message).toContain('/steps/0/questions/0')
  })

  it('reports every repetition after the first', () => {
    const doc = flow([
      flagStep('d', 'email', { key: 'a' }),
      flagStep('d', 'email', { key: 'b' }),
      flagStep('d', 'email', { key: 'c' }),
    ])
    expectIssues(doc, 'ID_DUPLICATE', [
      { path: '/steps/1/id', severity: 'error' },
      { path: '/steps/2/id', severity: 'error' },
    ])
  })
})

describe('STEP_KEY_DUPLICATE', () => {
  it('accepts distinct step keys', () => {
    expectNoIssue(
      flow([
        flagStep('s_1', 'email', { key: 'email' }),
        flagStep('s_2', 'email', { key: 'email_2' }),
      ]),
      'STEP_KEY_DUPLICATE',
    )
  })

  it('reports the second step with the same key at its key', () => {
    const doc = flow([
      flagStep('s_1', 'email', { key: 'contact' }),
      flagStep('s_2', 'liveness'),
      flagStep('s_3', 'phone-number', { key: 'contact' }),
    ])
    const [issue] = expectIssues(doc, 'STEP_KEY_DUPLICATE', [
      { path: '/steps/2/key', severity: 'error' },
    ])
    expect(issue!.message).toContain('"contact"')
    expect(issue!.message).toContain('step 1')
  })

  it('compares keys case-sensitively', () => {
    expectNoIssue(
      flow([
        flagStep('s_1', 'email', { key: 'Email' }),
        flagStep('s_2', 'email', { key: 'email' }),
      ]),
      'STEP_KEY_DUPLICATE',
    )
  })
})

describe('QUESTION_KEY_DUPLICATE', () => {
  it('allows the same question key in different questionnaires', () => {
    expectClean(
      flow([
        questionnaire('s_1', [text('q_1', { key: 'name' })]),
        questionnaire('s_2', [text('q_2', { key: 'name' })]),
      ]),
    )
  })

  it('reports a repeated question key within one questionnaire', () => {
    const doc = flow([
      questionnaire('s_1', [
        text('q_1', { key: 'name' }),
        text('q_2'),
        text('q_3', { key: 'name' }),
      ]),
    ])
    const [issue] = expectIssues(doc, 'QUESTION_KEY_DUPLICATE', [
      { path: '/steps/0/questions/2/key', severity: 'error' },
    ])
    expect(issue!.message).toContain('"name"')
  })

  it('checks operator questionnaires too', () => {
    const doc = flow([
      questionnaire('s_1', [text('q_1', { key: 'k' }), text('q_2', { key: 'k' })], {
        type: 'operator-questionnaire',
      }),
    ])
    expectIssue(doc, 'QUESTION_KEY_DUPLICATE', '/steps/0/questions/1/key')
  })
})

describe('OPTION_KEY_DUPLICATE', () => {
  it('allows the same option key in different questionnaires', () => {
    expectClean(
      flow([
        questionnaire('s_1', [choice('q_1', [], { options: [option('o_1', { key: 'yes' })] })]),
        questionnaire('s_2', [choice('q_2', [], { options: [option('o_2', { key: 'yes' })] })]),
      ]),
    )
  })

  it('reports a repeated option key within one question', () => {
    const doc = flow([
      questionnaire('s_1', [
        choice('q_1', [], {
          options: [option('o_1', { key: 'yes' }), option('o_2', { key: 'yes' })],
        }),
      ]),
    ])
    expectIssue(doc, 'OPTION_KEY_DUPLICATE', '/steps/0/questions/0/options/1/key')
  })

  it('requires option keys to be unique across all questions of one questionnaire', () => {
    const doc = flow([
      questionnaire('s_1', [
        choice('q_1', [], {
          options: [option('o_1', { key: 'yes' }), option('o_2', { key: 'no' })],
        }),
        text('q_2'),
        choice('q_3', [], {
          options: [option('o_3', { key: 'maybe' }), option('o_4', { key: 'no' })],
        }),
      ]),
    ])
    const [issue] = expectIssues(doc, 'OPTION_KEY_DUPLICATE', [
      { path: '/steps/0/questions/2/options/1/key', severity: 'error' },
    ])
    expect(issue!.message).toContain('"no"')
  })

  it('does not confuse option keys with question keys', () => {
    const doc = flow([
      questionnaire('s_1', [
        choice('q_1', [], { key: 'yes', options: [option('o_1', { key: 'yes' })] }),
      ]),
    ])
    expectNoIssue(doc, 'OPTION_KEY_DUPLICATE')
    expectNoIssue(doc, 'QUESTION_KEY_DUPLICATE')
  })
})

describe('robustness', () => {
  it('skips malformed steps, questions and options without throwing', () => {
    const doc = flow([
      null,
      5,
      questionnaire('s_1', [
        null,
        'x',
        choice('q_1', [], { options: [null as never, option('o_1')] }),
      ]),
    ])
    expectNoIssue(doc, 'ID_DUPLICATE')
    expectNoIssue(doc, 'OPTION_KEY_DUPLICATE')
  })
})
