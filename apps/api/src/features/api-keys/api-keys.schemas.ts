import { Type, type Static } from '@sinclair/typebox'
import { ALL_PERMISSIONS, type Permission } from '../../common/auth/permissions.ts'

export const Scope = Type.Unsafe<Permission>({ type: 'string', enum: [...ALL_PERMISSIONS] })

/** An API key as listed: never its secret or hash. */
export const ApiKey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The start of the key, to recognise it' }),
  scopes: Type.Array(Scope),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type ApiKey = Static<typeof ApiKey>

/** A key just made: the only time its full value is shown. */
export const CreatedApiKey = Type.Composite([
  ApiKey,
  Type.Object({
    key: Type.String({ description: 'Send as `Authorization: Bearer <key>`; shown only once' }),
  }),
])
export type CreatedApiKey = Static<typeof CreatedApiKey>

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Optional(
      Type.Array(Scope, {
        minItems: 1,
        uniqueItems: true,
        description: 'Permissions of the key, within your role’s (default: all of them)',
      }),
    ),
  },
  { additionalProperties: false },
)
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>
