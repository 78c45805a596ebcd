import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuthEvents } from '../../common/auth/auth-events.ts'
import { hashPassword, verifyPassword, type PasswordCost } from '../../common/auth/passwords.ts'
import { ALL_PERMISSIONS, isRole } from '../../common/auth/permissions.ts'
import { actorOf, type Actor, type Principal } from '../../common/auth/principal.ts'
import { randomToken, sha256 } from '../../common/auth/tokens.ts'
import type { Config } from '../../common/config/config.ts'
import type { DB } from '../../common/db/tables.ts'
import {
  BadRequestError,
  ConflictError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../common/errors/app-error.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import * as users from '../users/users.repository.ts'
import { checkNewPassword } from '../users/users.service.ts'
import * as repo from './auth.repository.ts'
import type { AcceptInviteBody, LoginBody, Me, SessionUser, SetupBody } from './auth.schemas.ts'

/** How long the set-up link printed at first start works. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000

export interface AuthServiceDeps {
  db: Kysely<DB>
  config: Pick<Config, 'loginMaxFailures' | 'loginLockMinutes' | 'sessionTtlHours'>
  passwordCost: PasswordCost
  authEvents: Pick<AuthEvents, 'invalidate'>
  logger: Logger
}

/** A new console session: the token goes into the cookie, never into a body or a log. */
export interface SignedIn {
  user: SessionUser
  session: { token: string; csrfToken: string; expiresAt: Date }
}

type UserLike = { id: string; email: string; name: string; role: string }

function sessionUser(row: UserLike): SessionUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'developer',
  }
}

function userActor(user: UserLike, requestId: string | null): Actor {
  return { kind: 'user', id: user.id, userId: user.id, label: user.email, requestId }
}

/** Lock-out key of an email: hashed, so mistyped passwords in the email field are not stored. */
function loginKey(email: string): string {
  return 'email:' + sha256(email.toLowerCase())
}

/** Signing in and out, the first admin, and accepting invitations. */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  /**
   * Checks email and password in constant time (unknown users are verified against a dummy
   * hash), with a per-email lock-out after repeated failures, and opens a session.
   */
  async login(input: LoginBody, requestId: string | null): Promise<SignedIn> {
    const { db, config } = this.deps
    const key = loginKey(input.email)
    const locked = config.loginMaxFailures > 0 ? await repo.lockedUntil(db, key) : undefined
    if (locked) {
      const minutes = Math.max(1, Math.ceil((locked.getTime() - Date.now()) / 60_000))
      throw new TooManyRequestsError(
        `too many failed sign-ins for this email; try again in ${minutes} minute(s)`,
        'LOGIN_LOCKED',
      )
    }
    const user = await users.findUserForLogin(db, input.email)
    const valid = await verifyPassword(input.password, user?.password_hash, this.deps.passwordCost)
    if (!valid || !user) {
      await this.countFailure(key, user?.id)
      throw new UnauthorizedError('wrong email or password', 'INVALID_CREDENTIALS')
    }
    if (!user.active)
      throw new UnauthorizedError('this account is deactivated', 'ACCOUNT_DEACTIVATED')
    await repo.clearLoginFailures(db, key)
    return db.transaction().execute(async (trx) => {
      await recordAudit(trx, userActor(user, requestId), {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
      })
      return this.openSession(trx, user)
    })
  }

  /** Ends the console session of this cookie, everywhere (the row goes, caches are told). */
  async logout(
    sessionToken: string | undefined,
    principal: Principal | undefined,
    requestId: string | null,
  ) {
    if (!sessionToken) return
    const tokenHash = sha256(sessionToken)
    await this.deps.db.transaction().execute(async (trx) => {
      const deleted = await repo.deleteSession(trx, tokenHash)
      if (deleted && principal?.sessionTokenHash === tokenHash && principal.userId)
        await recordAudit(trx, actorOf(principal, requestId), {
          action: 'auth.logout',
          targetType: 'user',
          targetId: principal.userId,
        })
    })
    await this.deps.authEvents.invalidate({ type: 'session', id: tokenHash })
  }

  /** Who the caller is and what they may do (for the console and for scripts checking a key). */
  async me(principal: Principal): Promise<Me> {
    const permissions = ALL_PERMISSIONS.filter((p) => principal.permissions.has(p))
    if (principal.userId === null)
      return {
        user: { id: null, email: null, name: principal.label, role: principal.role },
        permissions,
        authenticatedBy: 'admin_token',
      }
    const row = await users.findUser(this.deps.db, principal.userId)
    if (!row || !row.active) throw new UnauthorizedError()
    return {
      user: { ...sessionUser(row), role: principal.role },
      permissions,
      authenticatedBy: principal.kind === 'user' ? 'session' : 'api_key',
      ...(principal.csrfToken ? { csrfToken: principal.csrfToken } : {}),
    }
  }

  needsSetup(): Promise<boolean> {
    return users.anyUserExists(this.deps.db).then((any) => !any)
  }

  /** First run: the set-up link's token creates the first admin, who is signed in at once. */
  async completeSetup(input: SetupBody, requestId: string | null): Promise<SignedIn> {
    checkNewPassword(input.password)
    const passwordHash = await hashPassword(input.password, this.deps.passwordCost)
    return this.deps.db.transaction().execute(async (trx) => {
      await repo.lockFirstAdminCreation(trx)
      if (await users.anyUserExists(trx))
        throw new ConflictError('SETUP_DONE', 'Veriflow is already set up; sign in instead')
      if (!(await repo.consumeSetupToken(trx, sha256(input.token))))
        throw new BadRequestError(
          'SETUP_TOKEN_INVALID',
          'this set-up link is invalid or has expired; restart the server for a new one',
          '/token',
        )
      const email = input.email.toLowerCase()
      const user = await users.insertUser(trx, {
        email,
        name: input.name,
        role: 'admin',
        passwordHash,
      })
      if (!user) throw new ConflictError('EMAIL_TAKEN', `a user with the email ${email} exists`)
      await repo.deleteSetupTokens(trx, 'all')
      await recordAudit(trx, userActor(user, requestId), {
        action: 'setup.completed',
        targetType: 'user',
        targetId: user.id,
        summary: { email, role: 'admin' },
      })
      return this.openSession(trx, user)
    })
  }

  /** Sets the password of an invited user (single use, until it expires) and signs them in. */
  async acceptInvite(input: AcceptInviteBody, requestId: string | null): Promise<SignedIn> {
    checkNewPassword(input.password)
    const passwordHash = await hashPassword(input.password, this.deps.passwordCost)
    const signedIn = await this.deps.db.transaction().execute(async (trx) => {
      const userId = await users.consumeInviteToken(trx, sha256(input.token))
      const user = userId ? await users.findUser(trx, userId, { forUpdate: true }) : undefined
      if (!user?.active)
        throw new BadRequestError(
          'INVITE_TOKEN_INVALID',
          'this invitation link is invalid, used or expired; ask an admin for a new one',
          '/token',
        )
      await users.setPasswordHash(trx, user.id, passwordHash)
      // A new password ends every other session (the link may have been a password reset).
      await users.deleteSessionsOfUser(trx, user.id)
      await recordAudit(trx, userActor(user, requestId), {
        action: 'user.invite_accepted',
        targetType: 'user',
        targetId: user.id,
      })
      return this.openSession(trx, user)
    })
    await this.deps.authEvents.invalidate({ type: 'user', id: signedIn.user.id })
    return signedIn
  }

  /** Makes a set-up token (only while there are no users); returns it for the one log line. */
  async issueSetupToken(): Promise<string> {
    const token = randomToken()
    await repo.deleteSetupTokens(this.deps.db, 'expired')
    await repo.insertSetupToken(
      this.deps.db,
      sha256(token),
      new Date(Date.now() + SETUP_TOKEN_TTL_MS),
    )
    return token
  }

  /**
   * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when there are no users. Safe when
   * several instances start at once: they queue on a lock and the unique email index backs it.
   */
  async createFirstAdmin(email: string, password: string, actor: Actor): Promise<boolean> {
    checkNewPassword(password, '/ADMIN_PASSWORD')
    const passwordHash = await hashPassword(password, this.deps.passwordCost)
    return this.deps.db.transaction().execute(async (trx) => {
      await repo.lockFirstAdminCreation(trx)
      if (await users.anyUserExists(trx)) return false
      const user = await users.insertUser(trx, {
        email: email.toLowerCase(),
        name: 'Admin',
        role: 'admin',
        passwordHash,
      })
      if (!user) return false
      await repo.deleteSetupTokens(trx, 'all')
      await recordAudit(trx, actor, {
        action: 'user.created',
        targetType: 'user',
        targetId: user.id,
        summary: { email: user.email, role: 'admin', source: 'ADMIN_EMAIL' },
      })
      return true
    })
  }

  private async openSession(trx: Kysely<DB>, user: UserLike): Promise<SignedIn> {
    const token = randomToken()
    const csrfToken = randomToken()
    const expiresAt = new Date(Date.now() + this.deps.config.sessionTtlHours * 3_600_000)
    await repo.deleteExpiredSessionsOf(trx, user.id)
    await repo.insertSession(trx, {
      tokenHash: sha256(token),
      userId: user.id,
      csrfToken,
      expiresAt,
    })
    return { user: sessionUser(user), session: { token, csrfToken, expiresAt } }
  }

  private async countFailure(key: string, userId: string | undefined): Promise<void> {
    const { db, config, logger } = this.deps
    if (config.loginMaxFailures === 0) return
    const { failures, lockedUntil } = await repo.recordLoginFailure(
      db,
      key,
      config.loginMaxFailures,
      config.loginLockMinutes,
    )
    if (lockedUntil && failures === config.loginMaxFailures)
      logger.warn({ userId: userId ?? null, failures }, 'sign-in locked after repeated failures')
    if (Math.random() < 0.01) await repo.pruneLoginFailures(db, config.loginLockMinutes)
  }
}
