import type { Flow, Question } from '@veriflow/schema'

/** A small questionnaire: employment (options) → employer (if employed) → income (checkboxes). */
export function sampleQuestions(): Question[] {
  return [
    {
      id: 'q_emp',
      type: 'options',
      key: 'employment',
      title: { en: 'Employment' },
      mandatory: true,
      options: [
        { id: 'o_employed', key: 'employed', title: { en: 'Employed' } },
        { id: 'o_other', key: 'other', title: { en: 'Other' } },
      ],
    },
    {
      id: 'q_employer',
      type: 'string',
      key: 'employer',
      showWhen: { all: [{ question: 'q_emp', op: 'equals', value: 'o_employed' }] },
    },
    {
      id: 'q_income',
      type: 'multiple-choice',
      key: 'income',
      answer: ['o_salary'],
      options: [
        { id: 'o_salary', key: 'salary' },
        { id: 'o_gifts', key: 'gifts' },
      ],
      showWhen: {
        any: [
          { question: 'q_emp', op: 'in', value: ['o_employed', 'o_other'] },
          { question: 'q_employer', op: 'answered' },
        ],
      },
    },
  ]
}

/** A valid three-step flow with a questionnaire in the middle. */
export function sampleFlow(): Flow {
  return {
    schemaVersion: 1,
    name: 'Sample',
    languages: ['en', 'ka'],
    steps: [
      { id: 's_doc', type: 'identity-document', key: 'identity-document' },
      {
        id: 's_q',
        type: 'user-questionnaire',
        key: 'source_of_funds',
        questions: sampleQuestions(),
      },
      { id: 's_live', type: 'liveness', key: 'liveness', flags: { liveness: true } },
    ],
    targets: { sandbox: { enabled: true } },
  }
}
