import type { Kysely } from 'kysely'
import type { AuthEvents } from '../../common/auth/auth-events.ts'
import { hashPassword, passwordProblem, type PasswordCost } from '../../common/auth/passwords.ts'
import { isRole, type Role } from '../../common/auth/permissions.ts'
import type { Actor } from '../../common/auth/principal.ts'
import { randomToken, sha256 } from '../../common/auth/tokens.ts'
import type { Config } from '../../common/config/config.ts'
import { tokenLink } from '../../common/config/public-url.ts'
import type { DB } from '../../common/db/tables.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/app-error.ts'
import { decodeCursor, toPage, type Page } from '../../common/http/pagination.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import * as repo from './users.repository.ts'
import type {
  CreateUserBody,
  InvitedUser,
  ListUsersQuery,
  UpdateUserBody,
  User,
} from './users.schemas.ts'

/** How long an invitation link works. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000

export interface UsersServiceDeps {
  db: Kysely<DB>
  config: Pick<Config, 'publicUrl' | 'port'>
  passwordCost: PasswordCost
  authEvents: Pick<AuthEvents, 'invalidate'>
}

/** The API's view of a user row. */
export function toUser(row: repo.UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'developer',
    status: !row.active ? 'deactivated' : row.has_password ? 'active' : 'invited',
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    deactivatedAt: row.deactivated_at?.toISOString() ?? null,
  }
}

/** Throws the validation error of an unacceptable new password. */
export function checkNewPassword(password: string, path = '/password'): void {
  const problem = passwordProblem(password)
  if (problem)
    throw new ValidationError([
      { path, code: 'PASSWORD_TOO_WEAK', message: `the password ${problem}` },
    ])
}

/** Users administration: list, create or invite, change, deactivate. */
export class UsersService {
  constructor(private readonly deps: UsersServiceDeps) {}

  async list(query: ListUsersQuery): Promise<Page<User>> {
    const [after] = decodeCursor(query.cursor, 1) ?? []
    const afterEmail = after === undefined ? undefined : String(after)
    const rows = await repo.listUsers(this.deps.db, afterEmail, query.limit + 1)
    return toPage(rows, query.limit, (row) => [row.email.toLowerCase()], toUser)
  }

  /** Creates a user with a password, or (without one) with a one-time invitation link. */
  async create(input: CreateUserBody, actor: Actor): Promise<InvitedUser> {
    if (input.password !== undefined) checkNewPassword(input.password)
    const passwordHash =
      input.password === undefined
        ? null
        : await hashPassword(input.password, this.deps.passwordCost)
    const email = input.email.toLowerCase()
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await repo.insertUser(trx, { ...input, email, passwordHash })
      if (!row) throw new ConflictError('EMAIL_TAKEN', `a user with the email ${email} exists`)
      const invite = passwordHash === null ? await this.issueInvite(trx, row.id) : undefined
      await recordAudit(trx, actor, {
        action: 'user.created',
        targetType: 'user',
        targetId: row.id,
        summary: { email, name: row.name, role: row.role, invited: invite !== undefined },
      })
      return { user: toUser(row), ...invite }
    })
  }

  /** A new invitation link for a user (the previous one stops working). */
  async reinvite(id: string, actor: Actor): Promise<InvitedUser> {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await repo.findUser(trx, id, { forUpdate: true })
      if (!row) throw new NotFoundError('user')
      if (!row.active)
        throw new ConflictError('USER_DEACTIVATED', 'reactivate the user before inviting them')
      const invite = await this.issueInvite(trx, row.id)
      await recordAudit(trx, actor, {
        action: 'user.invited',
        targetType: 'user',
        targetId: row.id,
        summary: { email: row.email },
      })
      return { user: toUser(row), ...invite }
    })
  }

  /** Changes name, role or active; refuses to leave the installation without an active admin. */
  async update(id: string, patch: UpdateUserBody, actor: Actor): Promise<User> {
    const result = await this.deps.db.transaction().execute(async (trx) => {
      const touchesAdmins = patch.role !== undefined || patch.active !== undefined
      const admins = touchesAdmins ? await repo.lockActiveAdmins(trx) : []
      const current = await repo.findUser(trx, id, { forUpdate: true })
      if (!current) throw new NotFoundError('user')
      const changes = changedFields(current, patch)
      if (Object.keys(changes).length === 0) return { row: current, changes }
      const stillAdmin = (changes.role ?? current.role) === 'admin'
      const stillActive = changes.active ?? current.active
      const isActiveAdmin = current.active && current.role === 'admin'
      if (isActiveAdmin && !(stillAdmin && stillActive) && admins.every((a) => a === id))
        throw new ConflictError(
          'LAST_ADMIN',
          'this is the last active admin; make another user admin first',
        )
      const row = await repo.updateUser(trx, id, {
        ...changes,
        ...(changes.active === false ? { deactivated_at: new Date() } : {}),
        ...(changes.active === true ? { deactivated_at: null } : {}),
      })
      let revokedKeys = 0
      if (changes.active === false) {
        await repo.deleteSessionsOfUser(trx, id)
        revokedKeys = await repo.revokeKeysOfUser(trx, id)
      }
      await recordAudit(trx, actor, {
        action: changes.active === false ? 'user.deactivated' : 'user.updated',
        targetType: 'user',
        targetId: id,
        summary: {
          email: current.email,
          changes: describeChanges(current, changes),
          ...(changes.active === false ? { revokedKeys } : {}),
        },
      })
      return { row: row!, changes }
    })
    // After the commit, so no instance can re-read the old state into its cache.
    if (result.changes.role !== undefined || result.changes.active === false)
      await this.deps.authEvents.invalidate({ type: 'user', id })
    return toUser(result.row)
  }

  /** Deactivates a user: their sessions end and their keys are revoked, at once. */
  deactivate(id: string, actor: Actor): Promise<User> {
    return this.update(id, { active: false }, actor)
  }

  private async issueInvite(trx: Kysely<DB>, userId: string) {
    const token = randomToken()
    const expiresAt = new Date(Date.now() + INVITE_TTL_MS)
    await repo.replaceInviteToken(trx, userId, sha256(token), expiresAt)
    return {
      inviteUrl: tokenLink(this.deps.config, 'accept-invite', token),
      inviteExpiresAt: expiresAt.toISOString(),
    }
  }
}

type Changes = { name?: string; role?: Role; active?: boolean }

function changedFields(current: repo.UserRow, patch: UpdateUserBody): Changes {
  const changes: Changes = {}
  if (patch.name !== undefined && patch.name !== current.name) changes.name = patch.name
  if (patch.role !== undefined && patch.role !== current.role) changes.role = patch.role
  if (patch.active !== undefined && patch.active !== current.active) changes.active = patch.active
  return changes
}

function describeChanges(current: repo.UserRow, changes: Changes) {
  const out: Record<string, { from: unknown; to: unknown }> = {}
  for (const [field, to] of Object.entries(changes))
    out[field] = { from: current[field as keyof Changes], to }
  return out
}
