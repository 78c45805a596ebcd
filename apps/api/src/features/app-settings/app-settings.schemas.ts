import { Type, type Static } from '@sinclair/typebox'

const TemplateList = Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50 })

/** Reason templates offered in the decision panel, per decision (free text stays allowed). */
export const ReasonTemplates = Type.Object(
  {
    approved: TemplateList,
    rejected: TemplateList,
    resubmission_requested: TemplateList,
  },
  { additionalProperties: false },
)
export type ReasonTemplates = Static<typeof ReasonTemplates>

const TtlMinutes = Type.Integer({
  minimum: 1,
  maximum: 10080,
  description: 'Minutes a launched session stays usable when its flow sets no sessionTtlMinutes.',
})

/** Installation-wide review and launch settings. */
export const AppSettings = Type.Object({
  fourEyes: Type.Boolean({
    description: 'A decision takes effect only when a second, different reviewer confirms it.',
  }),
  reasonTemplates: ReasonTemplates,
  sessionTtlMinutesDefault: TtlMinutes,
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type AppSettings = Static<typeof AppSettings>

export const UpdateAppSettingsBody = Type.Object(
  {
    fourEyes: Type.Optional(Type.Boolean()),
    reasonTemplates: Type.Optional(Type.Partial(ReasonTemplates, { additionalProperties: false })),
    sessionTtlMinutesDefault: Type.Optional(TtlMinutes),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateAppSettingsBody = Static<typeof UpdateAppSettingsBody>
