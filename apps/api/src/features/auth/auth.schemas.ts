import { Type, type Static } from '@sinclair/typebox'
import { ALL_PERMISSIONS, type Permission } from '../../common/auth/permissions.ts'
import { Email, NewPassword, RoleName, UserName } from '../users/users.schemas.ts'

const OneTimeToken = Type.String({ minLength: 1, maxLength: 200 })

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const SetupBody = Type.Object(
  { token: OneTimeToken, email: Email, name: UserName, password: NewPassword },
  { additionalProperties: false },
)
export type SetupBody = Static<typeof SetupBody>

export const AcceptInviteBody = Type.Object(
  { token: OneTimeToken, password: NewPassword },
  { additionalProperties: false },
)
export type AcceptInviteBody = Static<typeof AcceptInviteBody>

/** The signed-in user, as the console needs it. */
export const SessionUser = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
  role: RoleName,
})
export type SessionUser = Static<typeof SessionUser>

/** Answer of login, set-up and accepting an invitation (the session itself is the cookie). */
export const SignedIn = Type.Object({
  data: Type.Object({
    user: SessionUser,
    csrfToken: Type.String({ description: 'Send as X-CSRF-Token with every mutating request' }),
  }),
})

export const Me = Type.Object({
  user: Type.Object({
    id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    name: Type.String(),
    role: RoleName,
  }),
  permissions: Type.Array(Type.Unsafe<Permission>({ type: 'string', enum: [...ALL_PERMISSIONS] })),
  authenticatedBy: Type.Union([
    Type.Literal('session'),
    Type.Literal('api_key'),
    Type.Literal('admin_token'),
  ]),
  csrfToken: Type.Optional(Type.String()),
})
export type Me = Static<typeof Me>

export const SetupStatus = Type.Object({
  data: Type.Object({
    needsSetup: Type.Boolean({ description: 'true while there are no users' }),
  }),
})
