import { Type, type Static } from '@sinclair/typebox'
import { HOSTED_PROVIDERS } from '../../providers/provider-definition.ts'

const ProviderName = Type.Unsafe<(typeof HOSTED_PROVIDERS)[number]>({
  type: 'string',
  enum: [...HOSTED_PROVIDERS],
})

/** A provider's settings as the API shows them: credentials only as set / not set. */
export const ProviderSettings = Type.Object({
  provider: ProviderName,
  label: Type.String(),
  baseUrl: Type.Union([Type.String(), Type.Null()], {
    description: 'The base URL in use: the configured one, else the documented default',
  }),
  defaultBaseUrl: Type.Union([Type.String(), Type.Null()], {
    description: 'The provider’s documented host (null: none is public, it must be configured)',
  }),
  baseUrlIsDefault: Type.Boolean(),
  options: Type.Record(Type.String(), Type.Unknown(), { description: 'The configured options' }),
  effectiveOptions: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The options in use: the configured ones over the defaults',
  }),
  credentials: Type.Record(Type.String(), Type.Object({ set: Type.Boolean() }), {
    description: 'Each credential field and whether it is set (values are never returned)',
  }),
  credentialFields: Type.Array(
    Type.Object({ name: Type.String(), required: Type.Boolean(), description: Type.String() }),
  ),
  ready: Type.Boolean({ description: 'Everything a launch needs is set' }),
  missing: Type.Array(Type.String(), {
    description: 'What a launch still needs, e.g. credentials.company_key',
  }),
  notes: Type.Array(Type.String(), {
    description: 'What is inferred or undocumented about this provider’s contract',
  }),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
})
export type ProviderSettings = Static<typeof ProviderSettings>

export const ProviderSettingsList = Type.Object({ data: Type.Array(ProviderSettings) })
export const OneProviderSettings = Type.Object({ data: ProviderSettings })

export const UpdateProviderSettingsBody = Type.Object(
  {
    baseUrl: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 2048 }), Type.Null()], {
        description: 'https base URL (http only for localhost); null returns to the default',
      }),
    ),
    options: Type.Optional(
      Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
        description: 'Options to set; null removes one (back to its default); others are kept',
      }),
    ),
    credentials: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 100 }),
        Type.Union([Type.String({ minLength: 1, maxLength: 4096 }), Type.Null()]),
        {
          description: 'Credentials to set (write-only); null clears one; fields left out are kept',
        },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateProviderSettingsBody = Static<typeof UpdateProviderSettingsBody>

export const ConnectionTestResult = Type.Object({
  data: Type.Object({
    ok: Type.Boolean(),
    status: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The provider’s HTTP status; null when it was not reached',
    }),
    message: Type.String(),
  }),
})
