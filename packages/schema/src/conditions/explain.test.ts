import { describe, expect, it } from 'vitest'
import type { ConditionClause, Question } from '../questionnaire.schema.ts'
import { choice, multi, option, text } from '../test-support/flows.ts'
import { evaluateQuestionnaire, type Answers } from './evaluate.ts'
import { describeClause, explainVisibility } from './explain.ts'

const employed: ConditionClause = { question: 'q_job', op: 'equals', value: 'o_employed' }
const QUESTIONS: Question[] = [
  choice('q_job', [], {
    title: { en: 'Employment', ka: 'დასაქმება' },
    options: [
      option('o_employed', { title: { en: 'Employed', ka: 'დასაქმებული' } }),
      option('o_other', { key: 'other', title: { en: 'Other' } }),
      option('o_untitled', { key: 'untitled' }),
    ],
  }),
  multi('q_docs', [], {
    key: 'documents',
    options: [
      option('o_passport', { title: 'Passport' }),
      option('o_id', { title: { en: 'ID card', ka: 'ID ბარათი' } }),
    ],
  }),
  text('q_name', { title: 'Name' }),
  text('q_employer', { title: 'Employer', showWhen: { all: [employed] } }),
  text('q_either', { showWhen: { any: [employed, { question: 'q_name', op: 'answered' }] } }),
  text('q_both', {
    showWhen: { all: [employed, { question: 'q_docs', op: 'in', value: ['o_passport', 'o_id'] }] },
  }),
]

/** The explanation for question `id`, given the answers, in `language` (default language English). */
function explain(id: string, answers: Answers, language = 'en'): string {
  const state = evaluateQuestionnaire(QUESTIONS, answers).byId[id]!
  return explainVisibility(state, QUESTIONS, language, 'en')
}

describe('explainVisibility', () => {
  it('says "always shown" for a question without a condition', () => {
    expect(explain('q_name', {})).toBe('always shown')
    expect(explain('q_job', { q_job: 'o_other' })).toBe('always shown')
  })

  it('says why a question was shown, with the option title for the id', () => {
    expect(explain('q_employer', { q_job: 'o_employed' })).toBe(
      'shown because Employment = Employed',
    )
  })

  it('says which clause does not hold when a question is hidden', () => {
    expect(explain('q_employer', { q_job: 'o_other' })).toBe(
      'hidden because Employment = Employed does not hold',
    )
    expect(explain('q_employer', {})).toBe('hidden because Employment = Employed does not hold')
  })

  it('lists the clauses that held for "all", joined with "and"', () => {
    expect(explain('q_both', { q_job: 'o_employed', q_docs: ['o_id'] })).toBe(
      'shown because Employment = Employed and documents is one of Passport, ID card',
    )
  })

  it('lists only the clauses that failed when an "all" condition hides', () => {
    expect(explain('q_both', { q_job: 'o_employed', q_docs: [] })).toBe(
      'hidden because documents is one of Passport, ID card does not hold',
    )
  })

  it('lists only the clauses that held for "any", joined with "or"', () => {
    expect(explain('q_either', { q_job: 'o_other', q_name: 'Ann' })).toBe(
      'shown because Name is answered',
    )
    expect(explain('q_either', { q_job: 'o_employed', q_name: 'Ann' })).toBe(
      'shown because Employment = Employed or Name is answered',
    )
  })

  it('uses "do not hold" when several clauses failed', () => {
    expect(explain('q_either', { q_job: 'o_other' })).toBe(
      'hidden because Employment = Employed and Name is answered do not hold',
    )
  })

  it("uses the reader's language for question and option titles", () => {
    expect(explain('q_employer', { q_job: 'o_employed' }, 'ka')).toBe(
      'shown because დასაქმება = დასაქმებული',
    )
    expect(explain('q_both', { q_job: 'o_employed', q_docs: ['o_id'] }, 'ka')).toBe(
      'shown because დასაქმება = დასაქმებული and documents is one of Passport, ID ბარათი',
    )
  })

  it('falls back to the default language when a title has no translation for the reader', () => {
    expect(explain('q_employer', { q_job: 'o_employed' }, 'de')).toBe(
      'shown because Employment = Employed',
    )
  })
})

describe('describeClause', () => {
  const describe_ = (clause: ConditionClause, language = 'en', defaultLanguage?: string) =>
    describeClause(clause, QUESTIONS, language, defaultLanguage)

  it('names every operator', () => {
    expect(describe_({ question: 'q_job', op: 'notEquals', value: 'o_other' })).toBe(
      'Employment ≠ Other',
    )
    expect(describe_({ question: 'q_job', op: 'in', value: ['o_employed', 'o_other'] })).toBe(
      'Employment is one of Employed, Other',
    )
    expect(describe_({ question: 'q_name', op: 'answered' })).toBe('Name is answered')
    expect(describe_({ question: 'q_name', op: 'notAnswered' })).toBe('Name is not answered')
  })

  it('shows text values of string questions as they are', () => {
    expect(describe_({ question: 'q_name', op: 'equals', value: 'o_employed' })).toBe(
      'Name = o_employed',
    )
  })

  it('prefers the default language over other translations', () => {
    const questions = [
      choice('q_1', [], {
        title: { ka: 'ქვეყანა', en: 'Country' },
        options: [option('o_1', { title: { ru: 'Грузия', en: 'Georgia' } })],
      }),
    ]
    const clause: ConditionClause = { question: 'q_1', op: 'equals', value: 'o_1' }
    expect(describeClause(clause, questions, 'de', 'en')).toBe('Country = Georgia')
    expect(describeClause(clause, questions, 'ru', 'en')).toBe('Country = Грузия')
  })

  it('falls back to the default language, then to keys, then to raw ids', () => {
    expect(describe_({ question: 'q_job', op: 'equals', value: 'o_other' }, 'ka', 'en')).toBe(
      'დასაქმება = Other',
    )
    expect(describe_({ question: 'q_job', op: 'equals', value: 'o_untitled' })).toBe(
      'Employment = untitled',
    )
    expect(describe_({ question: 'q_docs', op: 'answered' })).toBe('documents is answered')
    expect(describe_({ question: 'q_job', op: 'equals', value: 'o_gone' })).toBe(
      'Employment = o_gone',
    )
    expect(describe_({ question: 'q_deleted', op: 'equals', value: 'o_x' })).toBe('q_deleted = o_x')
  })
})
