import { Type, type Static } from '@sinclair/typebox'
import { StringEnum, TARGET_NAMES } from '@veriflow/schema'

export const LaunchBody = Type.Object(
  {
    flowId: Type.String({ format: 'uuid' }),
    version: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }), Type.Literal('draft')], {
        description:
          'A published version (default: the latest), or "draft" for a test session of the current draft (sandbox only).',
      }),
    ),
    target: StringEnum(TARGET_NAMES, { description: 'identomat | iab | trustmatic | sandbox' }),
    user: Type.Object(
      {
        externalId: Type.String({
          minLength: 1,
          maxLength: 200,
          description: 'The end user’s id in your system.',
        }),
      },
      {
        additionalProperties: true,
        maxProperties: 50,
        description: 'The end user: externalId, plus any details to keep with the session.',
      },
    ),
    returnUrl: Type.Optional(
      Type.String({
        maxLength: 2048,
        description:
          'Where the user goes when the flow ends (https; http only for localhost). Overrides the flow’s settings.returnUrl.',
      }),
    ),
    language: Type.Optional(
      Type.String({ minLength: 2, maxLength: 35, description: 'One of the flow’s languages.' }),
    ),
    embedOrigin: Type.Optional(
      Type.String({
        maxLength: 300,
        description:
          'The origin of the page embedding the runner (postMessage goes there only). Default: the request’s Origin header, else the origin of returnUrl.',
      }),
    ),
  },
  { additionalProperties: false },
)
export type LaunchBody = Static<typeof LaunchBody>

export const LaunchResult = Type.Object({
  sessionId: Type.String({ format: 'uuid' }),
  launchUrl: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
})
export type LaunchResult = Static<typeof LaunchResult>
