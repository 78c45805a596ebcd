import { describe, expect, it } from 'vitest'
import type { ConditionClause, Question } from '../questionnaire.schema.ts'
import { choice, multi, text } from '../test-support/flows.ts'
import { evaluateClause, evaluateQuestionnaire, isAnswered, type Answers } from './evaluate.ts'

const all = (...clauses: ConditionClause[]) => ({ showWhen: { all: clauses } })
const any = (...clauses: ConditionClause[]) => ({ showWhen: { any: clauses } })
const eq = (question: string, value: string): ConditionClause => ({ question, op: 'equals', value })

/** Ids of the visible questions. */
function visible(questions: readonly Question[], answers: Answers): string[] {
  return evaluateQuestionnaire(questions, answers)
    .states.filter((s) => s.visible)
    .map((s) => s.id)
}

describe('isAnswered', () => {
  it('counts non-blank text and non-empty selections', () => {
    expect(isAnswered('x')).toBe(true)
    expect(isAnswered(' x ')).toBe(true)
    expect(isAnswered(['o_1'])).toBe(true)
  })

  it('does not count nothing, empty or whitespace-only text, or an empty selection', () => {
    expect(isAnswered(undefined)).toBe(false)
    expect(isAnswered('')).toBe(false)
    expect(isAnswered(' \t\n ')).toBe(false)
    expect(isAnswered([])).toBe(false)
  })
})

describe('evaluateClause', () => {
  describe('on an options question (one option id)', () => {
    const answers = { q: 'o_a' }
    it.each<[ConditionClause, boolean]>([
      [{ question: 'q', op: 'equals', value: 'o_a' }, true],
      [{ question: 'q', op: 'equals', value: 'o_b' }, false],
      [{ question: 'q', op: 'notEquals', value: 'o_b' }, true],
      [{ question: 'q', op: 'notEquals', value: 'o_a' }, false],
      [{ question: 'q', op: 'in', value: ['o_b', 'o_a'] }, true],
      [{ question: 'q', op: 'in', value: ['o_b', 'o_c'] }, false],
      [{ question: 'q', op: 'answered' }, true],
      [{ question: 'q', op: 'notAnswered' }, false],
    ])('%j → %s', (clause, holds) => {
      expect(evaluateClause(clause, answers)).toBe(holds)
    })
  })

  describe('on a multiple-choice question (a list of option ids)', () => {
    const answers = { q: ['o_a', 'o_c'] }
    it.each<[ConditionClause, boolean]>([
      [{ question: 'q', op: 'equals', value: 'o_c' }, true],
      [{ question: 'q', op: 'equals', value: 'o_b' }, false],
      [{ question: 'q', op: 'notEquals', value: 'o_b' }, true],
      [{ question: 'q', op: 'notEquals', value: 'o_a' }, false],
      [{ question: 'q', op: 'in', value: ['o_b', 'o_c'] }, true],
      [{ question: 'q', op: 'in', value: ['o_b', 'o_d'] }, false],
      [{ question: 'q', op: 'answered' }, true],
      [{ question: 'q', op: 'notAnswered' }, false],
    ])('%j → %s', (clause, holds) => {
      expect(evaluateClause(clause, answers)).toBe(holds)
    })

    it('treats an empty selection as unanswered', () => {
      expect(evaluateClause({ question: 'q', op: 'answered' }, { q: [] })).toBe(false)
      expect(evaluateClause({ question: 'q', op: 'notAnswered' }, { q: [] })).toBe(true)
      expect(evaluateClause({ question: 'q', op: 'in', value: ['o_a'] }, { q: [] })).toBe(false)
    })
  })

  describe('on a string question (text)', () => {
    it('compares text exactly, ignoring surrounding whitespace', () => {
      expect(evaluateClause({ question: 'q', op: 'equals', value: 'yes' }, { q: '  yes ' })).toBe(
        true,
      )
      expect(evaluateClause({ question: 'q', op: 'equals', value: 'yes' }, { q: 'Yes' })).toBe(
        false,
      )
      expect(evaluateClause({ question: 'q', op: 'notEquals', value: 'yes' }, { q: 'no' })).toBe(
        true,
      )
      expect(evaluateClause({ question: 'q', op: 'in', value: ['no', 'yes'] }, { q: 'yes' })).toBe(
        true,
      )
    })

    it('treats whitespace-only text as unanswered', () => {
      expect(evaluateClause({ question: 'q', op: 'answered' }, { q: '   ' })).toBe(false)
      expect(evaluateClause({ question: 'q', op: 'notAnswered' }, { q: '   ' })).toBe(true)
      expect(evaluateClause({ question: 'q', op: 'answered' }, { q: 'x' })).toBe(true)
    })
  })

  it('on an unanswered question: only notAnswered and notEquals hold', () => {
    expect(evaluateClause({ question: 'q', op: 'equals', value: 'o_a' }, {})).toBe(false)
    expect(evaluateClause({ question: 'q', op: 'in', value: ['o_a'] }, {})).toBe(false)
    expect(evaluateClause({ question: 'q', op: 'answered' }, {})).toBe(false)
    expect(evaluateClause({ question: 'q', op: 'notAnswered' }, {})).toBe(true)
    expect(evaluateClause({ question: 'q', op: 'notEquals', value: 'o_a' }, {})).toBe(true)
  })

  it('never lets a malformed clause hold', () => {
    const answers = { q: 'o_a' }
    expect(evaluateClause({ question: 'q', op: 'equals' }, answers)).toBe(false)
    expect(evaluateClause({ question: 'q', op: 'equals', value: ['o_a'] }, answers)).toBe(false)
    expect(evaluateClause({ question: 'q', op: 'notEquals', value: ['o_b'] }, answers)).toBe(false)
    expect(evaluateClause({ question: 'q', op: 'in', value: 'o_a' }, answers)).toBe(false)
    expect(
      evaluateClause({ question: 'q', op: 'contains' } as unknown as ConditionClause, answers),
    ).toBe(false)
  })
})

describe('evaluateQuestionnaire', () => {
  const JOB = choice('q_job', ['o_employed', 'o_self', 'o_other'], { mandatory: true })
  const EMPLOYER = text('q_employer', { mandatory: true, ...all(eq('q_job', 'o_employed')) })

  it('shows unconditional questions, with mode null and no reasons', () => {
    const { states } = evaluateQuestionnaire([text('q_1'), text('q_2', { mandatory: true })], {})
    expect(states).toEqual([
      { id: 'q_1', visible: true, required: false, mode: null, reasons: [] },
      { id: 'q_2', visible: true, required: true, mode: null, reasons: [] },
    ])
  })

  it('shows a conditional question when its condition holds, with the clause outcomes', () => {
    const result = evaluateQuestionnaire([JOB, EMPLOYER], { q_job: 'o_employed' })
    expect(result.byId.q_employer).toEqual({
      id: 'q_employer',
      visible: true,
      required: true,
      mode: 'all',
      reasons: [{ clause: eq('q_job', 'o_employed'), holds: true }],
    })
    expect(result.states.map((s) => s.id)).toEqual(['q_job', 'q_employer'])
  })

  it('hides it when the condition does not hold or the question it depends on is unanswered', () => {
    expect(visible([JOB, EMPLOYER], { q_job: 'o_other' })).toEqual(['q_job'])
    expect(visible([JOB, EMPLOYER], {})).toEqual(['q_job'])
    expect(evaluateQuestionnaire([JOB, EMPLOYER], {}).byId.q_employer!.reasons).toEqual([
      { clause: eq('q_job', 'o_employed'), holds: false },
    ])
  })

  it('"all" needs every clause, "any" needs one', () => {
    const questions = [
      choice('q_a', ['a1', 'a2']),
      multi('q_b', ['b1', 'b2']),
      text('q_all', all(eq('q_a', 'a1'), eq('q_b', 'b1'))),
      text('q_any', any(eq('q_a', 'a1'), eq('q_b', 'b1'))),
    ]
    expect(visible(questions, { q_a: 'a1', q_b: ['b1'] })).toEqual(['q_a', 'q_b', 'q_all', 'q_any'])
    expect(visible(questions, { q_a: 'a1', q_b: ['b2'] })).toEqual(['q_a', 'q_b', 'q_any'])
    expect(visible(questions, { q_a: 'a2', q_b: ['b2', 'b1'] })).toEqual(['q_a', 'q_b', 'q_any'])
    expect(visible(questions, { q_a: 'a2', q_b: ['b2'] })).toEqual(['q_a', 'q_b'])
    const { byId } = evaluateQuestionnaire(questions, { q_a: 'a2', q_b: ['b1'] })
    expect(byId.q_any!.mode).toBe('any')
    expect(byId.q_any!.reasons.map((r) => r.holds)).toEqual([false, true])
    expect(byId.q_all!.mode).toBe('all')
  })

  it('supports every operator on string, options and multiple-choice questions', () => {
    const questions = [
      text('q_name'),
      choice('q_job', ['o_employed', 'o_other']),
      multi('q_hobbies', ['o_chess', 'o_golf']),
      text('q_1', all({ question: 'q_name', op: 'answered' })),
      text('q_2', all({ question: 'q_job', op: 'notEquals', value: 'o_employed' })),
      text('q_3', all({ question: 'q_hobbies', op: 'in', value: ['o_golf'] })),
      text('q_4', all({ question: 'q_hobbies', op: 'notAnswered' })),
      text('q_5', all(eq('q_hobbies', 'o_chess'))),
    ]
    expect(visible(questions, { q_name: 'Ann', q_job: 'o_other', q_hobbies: ['o_golf'] })).toEqual([
      'q_name',
      'q_job',
      'q_hobbies',
      'q_1',
      'q_2',
      'q_3',
    ])
    expect(visible(questions, { q_name: ' ', q_job: 'o_employed', q_hobbies: [] })).toEqual([
      'q_name',
      'q_job',
      'q_hobbies',
      'q_4',
    ])
    expect(visible(questions, { q_hobbies: ['o_chess'] })).toEqual([
      'q_name',
      'q_job',
      'q_hobbies',
      'q_2',
      'q_5',
    ])
  })

  describe('hiding', () => {
    // C depends on B, which depends on A.
    const A = choice('q_a', ['a_yes', 'a_no'])
    const B = choice('q_b', ['b_yes', 'b_no'], { mandatory: true, ...all(eq('q_a', 'a_yes')) })
    const C = text('q_c', { mandatory: true, ...all(eq('q_b', 'b_yes')) })
    const D = text('q_d', all({ question: 'q_b', op: 'notAnswered' }))

    it('shows the whole chain when every link holds', () => {
      const result = evaluateQuestionnaire([A, B, C], { q_a: 'a_yes', q_b: 'b_yes', q_c: 'text' })
      expect(result.states.map((s) => s.visible)).toEqual([true, true, true])
      expect(result.answers).toEqual({ q_a: 'a_yes', q_b: 'b_yes', q_c: 'text' })
      expect(result.missing).toEqual([])
    })

    it('cascades: hiding B drops its answer, which hides C, even though B was answered', () => {
      const result = evaluateQuestionnaire([A, B, C], { q_a: 'a_no', q_b: 'b_yes', q_c: 'text' })
      expect(result.states.map((s) => [s.id, s.visible, s.required])).toEqual([
        ['q_a', true, false],
        ['q_b', false, false],
        ['q_c', false, false],
      ])
      expect(result.answers).toEqual({ q_a: 'a_no' })
      expect(result.missing).toEqual([])
    })

    it('evaluates later conditions against the dropped answer', () => {
      const result = evaluateQuestionnaire([A, B, D], { q_a: 'a_no', q_b: 'b_yes' })
      expect(result.byId.q_d!.visible).toBe(true)
      expect(
        evaluateQuestionnaire([A, B, D], { q_a: 'a_yes', q_b: 'b_yes' }).byId.q_d!.visible,
      ).toBe(false)
    })

    it('never requires a hidden mandatory question', () => {
      const result = evaluateQuestionnaire([A, B, C], {})
      expect(result.byId.q_b).toMatchObject({ visible: false, required: false })
      expect(result.byId.q_c).toMatchObject({ visible: false, required: false })
      expect(result.missing).toEqual([])
    })
  })

  describe('missing', () => {
    it('lists visible mandatory unanswered questions in order', () => {
      const questions = [
        text('q_1', { mandatory: true }),
        text('q_2'),
        choice('q_3', ['o_1'], { mandatory: true }),
        multi('q_4', ['o_2'], { mandatory: true }),
        text('q_5', { mandatory: true, ...all(eq('q_3', 'o_1')) }),
        text('q_6', { mandatory: true }),
      ]
      expect(evaluateQuestionnaire(questions, { q_6: 'done' }).missing).toEqual([
        'q_1',
        'q_3',
        'q_4',
      ])
      expect(evaluateQuestionnaire(questions, { q_3: 'o_1' }).missing).toEqual([
        'q_1',
        'q_4',
        'q_5',
        'q_6',
      ])
    })

    it('counts whitespace-only text and an empty selection as unanswered', () => {
      const questions = [
        text('q_1', { mandatory: true }),
        multi('q_2', ['o_1'], { mandatory: true }),
      ]
      expect(evaluateQuestionnaire(questions, { q_1: ' \n ', q_2: [] }).missing).toEqual([
        'q_1',
        'q_2',
      ])
    })
  })

  it('keeps only answers of visible questions, and none for unknown ids', () => {
    const questions = [choice('q_a', ['a_yes', 'a_no']), text('q_b', all(eq('q_a', 'a_yes')))]
    const result = evaluateQuestionnaire(questions, { q_a: 'a_no', q_b: 'x', q_zzz: 'y' })
    expect(result.answers).toEqual({ q_a: 'a_no' })
  })

  it('evaluates conditions only against earlier questions (a forward reference sees no answer)', () => {
    const questions = [text('q_1', all({ question: 'q_2', op: 'answered' })), text('q_2')]
    expect(visible(questions, { q_2: 'x' })).toEqual(['q_2'])
  })
})
