import { describe, expect, it } from 'vitest'
import type { Issue } from '../issue.ts'
import type { Question } from '../questionnaire.schema.ts'
import { choice, multi, text } from '../test-support/flows.ts'
import { checkAnswers, MAX_TEXT_ANSWER_LENGTH } from './answers.ts'

const issue = (path: string, code: string): Issue => ({
  path,
  code,
  message: expect.any(String),
  severity: 'error',
})

/** Employment (mandatory), employer (mandatory, only when employed), hobbies, a note. */
const QUESTIONS: Question[] = [
  choice('q_job', ['o_employed', 'o_other'], { mandatory: true }),
  text('q_employer', {
    mandatory: true,
    showWhen: { all: [{ question: 'q_job', op: 'equals', value: 'o_employed' }] },
  }),
  multi('q_hobbies', ['o_chess', 'o_golf']),
  text('q_note'),
]

describe('checkAnswers', () => {
  it('accepts a complete submission and returns the typed answers', () => {
    const result = checkAnswers(QUESTIONS, {
      q_job: 'o_employed',
      q_employer: 'ACME',
      q_hobbies: ['o_golf', 'o_chess'],
      q_note: 'hi',
    })
    expect(result.valid).toBe(true)
    expect(result.issues).toEqual([])
    expect(result.answers).toEqual({
      q_job: 'o_employed',
      q_employer: 'ACME',
      q_hobbies: ['o_golf', 'o_chess'],
      q_note: 'hi',
    })
    expect(result.evaluation.byId.q_employer!.visible).toBe(true)
  })

  describe('ANSWER_INVALID', () => {
    it.each<[string, unknown]>([
      ['a number for text', { q_job: 'o_other', q_note: 5 }],
      ['a list for text', { q_job: 'o_other', q_note: ['a'] }],
      ['an object for text', { q_job: 'o_other', q_note: { text: 'a' } }],
      ['an unknown option', { q_job: 'o_other', q_hobbies: ['o_chess', 'o_darts'] }],
      ['a single option for multiple-choice', { q_job: 'o_other', q_hobbies: 'o_chess' }],
      ['an option picked twice', { q_job: 'o_other', q_hobbies: ['o_chess', 'o_chess'] }],
      [
        'an option key instead of its id',
        { q_job: 'o_other', q_hobbies: ['o_chess'].map(() => 'chess') },
      ],
    ])('reports %s at the question id', (_, submitted) => {
      const result = checkAnswers(QUESTIONS, submitted)
      expect(result.valid).toBe(false)
      const path = Object.keys(submitted as object).find((id) => id !== 'q_job')!
      expect(result.issues).toEqual([issue('/' + path, 'ANSWER_INVALID')])
      expect(result.answers).toEqual({ q_job: 'o_other' })
    })

    it('reports a single-choice answer that is not an option, or a list', () => {
      for (const value of ['o_golf', ['o_other'], 1]) {
        const result = checkAnswers(QUESTIONS, { q_job: value })
        expect(result.issues).toEqual([issue('/q_job', 'ANSWER_INVALID')])
        expect(result.answers).toEqual({})
      }
    })

    it('reports text longer than the limit', () => {
      const questions = [text('q_1')]
      expect(checkAnswers(questions, { q_1: 'x'.repeat(MAX_TEXT_ANSWER_LENGTH) }).issues).toEqual(
        [],
      )
      expect(
        checkAnswers(questions, { q_1: 'x'.repeat(MAX_TEXT_ANSWER_LENGTH + 1) }).issues,
      ).toEqual([issue('/q_1', 'ANSWER_INVALID')])
    })

    it('does not add ANSWER_REQUIRED for a mandatory question whose answer is invalid', () => {
      const result = checkAnswers(QUESTIONS, { q_job: 'nope' })
      expect(result.issues).toEqual([issue('/q_job', 'ANSWER_INVALID')])
    })

    it('does not let an invalid answer decide visibility', () => {
      const result = checkAnswers(QUESTIONS, { q_job: ['o_employed'] })
      expect(result.evaluation.byId.q_employer!.visible).toBe(false)
    })
  })

  describe('ANSWER_UNKNOWN_QUESTION', () => {
    it('reports ids that are no question of this questionnaire and drops them', () => {
      const result = checkAnswers(QUESTIONS, { q_job: 'o_other', q_age: '42', 'a/b': 'x' })
      expect(result.issues).toEqual([
        issue('/q_age', 'ANSWER_UNKNOWN_QUESTION'),
        issue('/a~1b', 'ANSWER_UNKNOWN_QUESTION'),
      ])
      expect(result.answers).toEqual({ q_job: 'o_other' })
    })
  })

  describe('read-only questions', () => {
    const READ_ONLY: Question[] = [
      text('q_country', { readOnly: true, answer: 'Georgia' }),
      multi('q_tags', ['o_a', 'o_b', 'o_c'], { readOnly: true, answer: ['o_a', 'o_b'] }),
      text('q_free'),
    ]

    it('keep their preset when nothing is sent', () => {
      const result = checkAnswers(READ_ONLY, {})
      expect(result.issues).toEqual([])
      expect(result.answers).toEqual({ q_country: 'Georgia', q_tags: ['o_a', 'o_b'] })
    })

    it('accept the preset sent back, in any order', () => {
      const result = checkAnswers(READ_ONLY, {
        q_country: 'Georgia',
        q_tags: ['o_b', 'o_a'],
        q_free: 'x',
      })
      expect(result.issues).toEqual([])
      expect(result.answers).toEqual({ q_country: 'Georgia', q_tags: ['o_a', 'o_b'], q_free: 'x' })
    })

    it('report a different value as ANSWER_READ_ONLY and keep the preset', () => {
      const result = checkAnswers(READ_ONLY, { q_country: 'Armenia', q_tags: ['o_c'] })
      expect(result.valid).toBe(false)
      expect(result.issues).toEqual([
        issue('/q_country', 'ANSWER_READ_ONLY'),
        issue('/q_tags', 'ANSWER_READ_ONLY'),
      ])
      expect(result.answers).toEqual({ q_country: 'Georgia', q_tags: ['o_a', 'o_b'] })
    })

    it('report a selection with the same length but a repeated option', () => {
      const result = checkAnswers(READ_ONLY, { q_tags: ['o_a', 'o_a'] })
      expect(result.issues).toEqual([issue('/q_tags', 'ANSWER_READ_ONLY')])
      expect(result.answers.q_tags).toEqual(['o_a', 'o_b'])
    })

    it('report any value sent for a read-only question without preset', () => {
      const result = checkAnswers([text('q_1', { readOnly: true })], { q_1: 'x' })
      expect(result.issues).toEqual([issue('/q_1', 'ANSWER_READ_ONLY')])
      expect(result.answers).toEqual({})
    })

    it('satisfy mandatory with their preset', () => {
      expect(
        checkAnswers([text('q_1', { readOnly: true, mandatory: true, answer: 'x' })], {}).issues,
      ).toEqual([])
    })
  })

  describe('ANSWER_REQUIRED', () => {
    it('reports each visible mandatory question without an answer', () => {
      const result = checkAnswers(QUESTIONS, { q_job: 'o_employed' })
      expect(result.valid).toBe(false)
      expect(result.issues).toEqual([issue('/q_employer', 'ANSWER_REQUIRED')])
    })

    it('treats null, blank text and an empty selection as no answer', () => {
      const questions = [
        text('q_1', { mandatory: true }),
        multi('q_2', ['o_1'], { mandatory: true }),
        text('q_3', { mandatory: true }),
      ]
      const result = checkAnswers(questions, { q_1: '   ', q_2: [], q_3: null })
      expect(result.issues).toEqual([
        issue('/q_1', 'ANSWER_REQUIRED'),
        issue('/q_2', 'ANSWER_REQUIRED'),
        issue('/q_3', 'ANSWER_REQUIRED'),
      ])
      expect(result.answers).toEqual({})
    })

    it('does not require a mandatory question that is hidden', () => {
      const result = checkAnswers(QUESTIONS, { q_job: 'o_other' })
      expect(result).toMatchObject({ valid: true, issues: [], answers: { q_job: 'o_other' } })
      expect(result.evaluation.byId.q_employer).toMatchObject({ visible: false, required: false })
    })

    it('requires a mandatory read-only question without a preset', () => {
      expect(checkAnswers([text('q_1', { readOnly: true, mandatory: true })], {}).issues).toEqual([
        issue('/q_1', 'ANSWER_REQUIRED'),
      ])
    })
  })

  describe('hidden questions', () => {
    it('drop their answers without an issue', () => {
      const result = checkAnswers(QUESTIONS, { q_job: 'o_other', q_employer: 'ACME' })
      expect(result.issues).toEqual([])
      expect(result.answers).toEqual({ q_job: 'o_other' })
      expect(result.evaluation.answers).toEqual({ q_job: 'o_other' })
    })

    it('drop read-only presets too', () => {
      const questions = [
        choice('q_1', ['o_1', 'o_2']),
        text('q_2', {
          readOnly: true,
          answer: 'x',
          showWhen: { all: [{ question: 'q_1', op: 'equals', value: 'o_1' }] },
        }),
      ]
      expect(checkAnswers(questions, { q_1: 'o_2' }).answers).toEqual({ q_1: 'o_2' })
      expect(checkAnswers(questions, { q_1: 'o_1' }).answers).toEqual({ q_1: 'o_1', q_2: 'x' })
    })
  })

  describe('ANSWERS_NOT_AN_OBJECT', () => {
    it.each([null, undefined, 'answers', 5, [], [{ q_job: 'o_other' }]])(
      'reports %j at the root',
      (submitted) => {
        const result = checkAnswers(QUESTIONS, submitted)
        expect(result.valid).toBe(false)
        expect(result.issues).toEqual([
          issue('', 'ANSWERS_NOT_AN_OBJECT'),
          issue('/q_job', 'ANSWER_REQUIRED'),
        ])
        expect(result.answers).toEqual({})
      },
    )
  })

  it('leaves out blank optional answers', () => {
    const result = checkAnswers(QUESTIONS, { q_job: 'o_other', q_note: '  ', q_hobbies: [] })
    expect(result.issues).toEqual([])
    expect(result.answers).toEqual({ q_job: 'o_other' })
  })
})

describe('checkAnswers with a question id that is an Object.prototype name', () => {
  it('keeps the answer of a question whose id is "__proto__"', () => {
    const questions = [
      { id: '__proto__', type: 'string', key: 'odd', mandatory: true },
      { id: 'constructor', type: 'string', key: 'odder', mandatory: true },
    ] as Question[]
    const result = checkAnswers(questions, JSON.parse('{"__proto__": "yes", "constructor": "too"}'))
    expect(result.issues).toEqual([])
    expect(result.answers['__proto__']).toBe('yes')
    expect(result.answers['constructor']).toBe('too')
    expect(result.evaluation.byId['__proto__']?.visible).toBe(true)
  })
})
