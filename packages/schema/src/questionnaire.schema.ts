import { Type, type Static } from '@sinclair/typebox'
import { Id, Key, LocalizedText, StringEnum } from './common.schema.ts'

export const QUESTION_TYPES = ['string', 'multiple-choice', 'options'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

export const CONDITION_OPERATORS = ['equals', 'notEquals', 'in', 'answered', 'notAnswered'] as const
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number]

/**
 * One test on an earlier question. `value` is an option id for `options` / `multiple-choice`
 * questions and text for `string` questions; `in` takes a list; `answered` / `notAnswered` none.
 */
export const ConditionClause = Type.Object(
  {
    question: Id,
    op: StringEnum(CONDITION_OPERATORS, {
      description: 'equals | notEquals | in | answered | notAnswered',
    }),
    value: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
  },
  { additionalProperties: false },
)
export type ConditionClause = Static<typeof ConditionClause>

/** Show a question when all (or any) of the clauses hold. Exactly one of `all` / `any`. */
export const Condition = Type.Object(
  {
    all: Type.Optional(Type.Array(ConditionClause, { minItems: 1 })),
    any: Type.Optional(Type.Array(ConditionClause, { minItems: 1 })),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
)
export type Condition = Static<typeof Condition>

export const QuestionOption = Type.Object(
  {
    id: Id,
    key: Key,
    title: Type.Optional(LocalizedText),
  },
  { additionalProperties: false },
)
export type QuestionOption = Static<typeof QuestionOption>

export const Question = Type.Object(
  {
    id: Id,
    type: StringEnum(QUESTION_TYPES, {
      description: 'string (text input) | multiple-choice (checkboxes) | options (radio buttons)',
    }),
    key: Key,
    title: Type.Optional(LocalizedText),
    mandatory: Type.Optional(
      Type.Boolean({ default: false, description: 'The question must be answered (when shown).' }),
    ),
    readOnly: Type.Optional(
      Type.Boolean({ default: false, description: 'Shown, but the answer cannot be changed.' }),
    ),
    answer: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String())], {
        description:
          'Preset answer: text for `string`, an option id for `options`, a list of option ids for `multiple-choice`.',
      }),
    ),
    showWhen: Type.Optional(Condition),
    options: Type.Optional(Type.Array(QuestionOption)),
  },
  { additionalProperties: false },
)
export type Question = Static<typeof Question>
export type AnswerValue = string | string[]
