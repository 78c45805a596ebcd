import { Type, type Static } from '@sinclair/typebox'
import { ROLES, type Role } from '../../common/auth/permissions.ts'

export const RoleName = Type.Unsafe<Role>({
  type: 'string',
  enum: [...ROLES],
  description: 'admin, designer, reviewer or developer (PRODUCT.md §3)',
})

export const Email = Type.String({ format: 'email', maxLength: 254 })

/** A new password; its rules (length) are checked by the service, in one place. */
export const NewPassword = Type.String({
  minLength: 1,
  maxLength: 1000,
  description: 'At least 10 and at most 200 characters',
})

export const UserName = Type.String({ minLength: 1, maxLength: 200 })

/** A user as the API shows it (never the password hash). */
export const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
  role: RoleName,
  status: Type.Union(
    [Type.Literal('active'), Type.Literal('invited'), Type.Literal('deactivated')],
    {
      description: 'invited: the user has not set a password yet',
    },
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  deactivatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type User = Static<typeof User>

export const UserList = Type.Object({
  data: Type.Array(User),
  nextCursor: Type.Optional(Type.String()),
})

export const ListUsersQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 100 }),
  },
  { additionalProperties: false },
)
export type ListUsersQuery = Static<typeof ListUsersQuery>

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: UserName,
    role: RoleName,
    password: Type.Optional(NewPassword),
  },
  { additionalProperties: false },
)
export type CreateUserBody = Static<typeof CreateUserBody>

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(UserName),
    role: Type.Optional(RoleName),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUserBody = Static<typeof UpdateUserBody>

/** A user with a one-time invitation link (shown once, when it is made). */
export const InvitedUser = Type.Object({
  user: User,
  inviteUrl: Type.Optional(Type.String()),
  inviteExpiresAt: Type.Optional(Type.String({ format: 'date-time' })),
})
export type InvitedUser = Static<typeof InvitedUser>
