import { Type, type Static } from '@sinclair/typebox'
import { StringEnum, STEP_TYPES, TARGET_NAMES } from '@veriflow/schema'

export const FunnelQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'created at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'created before' })),
    target: Type.Optional(StringEnum(TARGET_NAMES)),
  },
  { additionalProperties: false },
)
export type FunnelQuery = Static<typeof FunnelQuery>

const Count = Type.Integer({ minimum: 0 })

export const FunnelStep = Type.Object({
  stepId: Type.String(),
  key: Type.String(),
  type: StringEnum(STEP_TYPES),
  title: Type.String({
    description: 'In the flow’s default language (the step type when untitled)',
  }),
  reached: Type.Integer({ minimum: 0, description: 'Sessions that reached this step' }),
  dropOff: Type.Integer({
    minimum: 0,
    description: 'reached − reached of the next step (or completed, for the last step)',
  }),
  medianSeconds: Type.Union([Type.Number(), Type.Null()], {
    description:
      'Median time from reaching this step to reaching the next one (or submitting, for the last step); null when no session did both',
  }),
})
export type FunnelStep = Static<typeof FunnelStep>

export const Funnel = Type.Object({
  flowId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ minimum: 1 }),
  from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  target: Type.Union([StringEnum(TARGET_NAMES), Type.Null()]),
  launched: Count,
  started: Count,
  steps: Type.Array(FunnelStep, {
    description: 'The end-user steps in document order (operator questionnaires are left out)',
  }),
  completed: Count,
  decided: Count,
})
export type Funnel = Static<typeof Funnel>

export const FunnelResponse = Type.Object({ data: Funnel })
