import { http } from '../../app/http.ts'
import type { Role } from '../auth/auth.api.ts'

export type UserStatus = 'active' | 'invited' | 'deactivated'

/** A user as the admin's users screen sees them (never a password hash). */
export interface User {
  id: string
  email: string
  name: string
  role: Role
  /** invited: the user has not set a password yet. */
  status: UserStatus
  createdAt: string
  updatedAt: string
  deactivatedAt: string | null
}

/** A user with a one-time invitation link: only in the answer that made the link. */
export interface InvitedUser {
  user: User
  inviteUrl?: string
  inviteExpiresAt?: string
}

/** Without a password the user is invited and the answer carries the link. */
export interface CreateUserInput {
  email: string
  name: string
  role: Role
  password?: string
}

export interface UpdateUserInput {
  name?: string
  role?: Role
  active?: boolean
}

export interface UserPage {
  items: User[]
  nextCursor?: string
}

const one = (id: string) => `/users/${encodeURIComponent(id)}`

export async function listUsers(
  query: { cursor?: string; limit?: number } = {},
): Promise<UserPage> {
  const { data, nextCursor } = await http<User[]>('GET', '/users', { query: { ...query } })
  return { items: data, ...(nextCursor ? { nextCursor } : {}) }
}

export async function createUser(input: CreateUserInput): Promise<InvitedUser> {
  return (await http<InvitedUser>('POST', '/users', { body: input })).data
}

/** Refused with 409 LAST_ADMIN when it would leave no active admin. */
export async function updateUser(id: string, patch: UpdateUserInput): Promise<User> {
  return (await http<User>('PATCH', one(id), { body: patch })).data
}

/** Their sessions end and their API keys are revoked at once. */
export async function deactivateUser(id: string): Promise<User> {
  return (await http<User>('DELETE', one(id))).data
}

/** A new invitation (or password reset) link; the previous one stops working. */
export async function reinviteUser(id: string): Promise<InvitedUser> {
  return (await http<InvitedUser>('POST', `${one(id)}/invite`)).data
}
