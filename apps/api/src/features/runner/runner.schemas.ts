import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from '@veriflow/schema'
import { MEDIA_KINDS } from './runner-steps.ts'

export const StepAnswersBody = Type.Object(
  {
    answers: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          maxProperties: 2000,
          description: 'A questionnaire step: answers keyed by question id.',
        },
      ),
    ),
    value: Type.Optional(
      Type.String({
        maxLength: 320,
        description: 'A phone-number or email step: the number or address (empty clears it).',
      }),
    ),
  },
  { additionalProperties: false },
)
export type StepAnswersBody = Static<typeof StepAnswersBody>

export const ProgressBody = Type.Object(
  { currentStepId: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export type ProgressBody = Static<typeof ProgressBody>

export const MediaQuery = Type.Object(
  { kind: StringEnum(MEDIA_KINDS, { description: 'What the image shows.' }) },
  { additionalProperties: false },
)
export type MediaQuery = Static<typeof MediaQuery>

export const OtpRequestBody = Type.Object(
  {
    value: Type.Optional(
      Type.String({ maxLength: 320, description: 'Save this number or address, then send.' }),
    ),
  },
  { additionalProperties: false },
)
export type OtpRequestBody = Static<typeof OtpRequestBody>

export const OtpVerifyBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 12 }) },
  { additionalProperties: false },
)
export type OtpVerifyBody = Static<typeof OtpVerifyBody>

const Any = Type.Unknown()

export const RunnerViewResponse = Type.Object({ data: Any })
export const ClaimedResponse = Type.Object({
  data: Type.Object({ claim: Type.String(), runner: Any }),
})
export const CompletionResponse = Type.Object({
  data: Type.Object({
    status: Type.Literal('COMPLETED'),
    sessionId: Type.String({ format: 'uuid' }),
    redirectUrl: Type.Union([Type.String(), Type.Null()]),
    postMessageOrigin: Type.Union([Type.String(), Type.Null()]),
  }),
})
export const HandoffResponse = Type.Object({
  data: Type.Object({ url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }),
})
