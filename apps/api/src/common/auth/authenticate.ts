import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { ForbiddenError, UnauthorizedError } from '../errors/app-error.ts'
import type { AuthCache } from './auth-cache.ts'
import type { CredentialsRepository } from './credentials.repository.ts'
import { ALL_PERMISSIONS, isRole, permissionsOf, type Permission } from './permissions.ts'
import type { Principal } from './principal.ts'
import { parseApiKey, safeEqual, sha256 } from './tokens.ts'

export const SESSION_COOKIE = 'vf_session'
export const CSRF_HEADER = 'x-csrf-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** last_used_at / last_seen_at are written at most this often per credential. */
const TOUCH_INTERVAL_MS = 60_000

export interface AuthenticatorOptions {
  credentials: CredentialsRepository
  cache: AuthCache
  adminToken: string | undefined
  logger: Logger
  now?: () => number
}

/**
 * Resolves the request's credentials into `req.principal`: the ADMIN_TOKEN, an API key
 * (`Authorization: Bearer vfk_…`) or the console's session cookie. A bad bearer credential is a
 * 401 at once; no credential leaves the request anonymous for the route to decide.
 */
export class Authenticator {
  private readonly touched = new Map<string, number>()
  private readonly now: () => number

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now
  }

  readonly middleware: RequestHandler = async (req, _res, next) => {
    const header = req.headers.authorization
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
      if (!match)
        throw new UnauthorizedError(
          'the Authorization header must be "Bearer <key>"',
          'INVALID_CREDENTIALS',
        )
      req.principal = await this.fromBearer(match[1]!)
      return next()
    }
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]
    if (cookie) {
      const principal = await this.fromSession(cookie)
      if (principal) {
        if (
          !SAFE_METHODS.has(req.method) &&
          !safeEqual(String(req.headers[CSRF_HEADER] ?? ''), principal.csrfToken ?? '')
        )
          throw new ForbiddenError(
            'missing or wrong CSRF token (send the X-CSRF-Token header)',
            'CSRF_TOKEN_INVALID',
          )
        req.principal = principal
      }
    }
    next()
  }

  private async fromBearer(token: string): Promise<Principal> {
    const { adminToken } = this.options
    if (adminToken && safeEqual(token, adminToken)) {
      return {
        kind: 'admin_token',
        userId: null,
        label: 'ADMIN_TOKEN',
        role: 'admin',
        permissions: new Set(ALL_PERMISSIONS),
        viaCookie: false,
      }
    }
    const key = parseApiKey(token)
    if (!key) throw new UnauthorizedError('unknown API key', 'INVALID_CREDENTIALS')
    const cacheKey = 'key:' + sha256(token)
    const cached = this.options.cache.get(cacheKey)
    if (cached) {
      this.touch(key.id, () => this.options.credentials.touchApiKey(key.id))
      return cached
    }
    const epoch = this.options.cache.epoch
    const row = await this.options.credentials.findApiKey(key.id)
    if (!row || row.revoked_at || !safeEqual(sha256(key.secret), row.secret_hash))
      throw new UnauthorizedError('unknown or revoked API key', 'INVALID_CREDENTIALS')
    if (!row.active || !isRole(row.role))
      throw new UnauthorizedError('this account is deactivated', 'ACCOUNT_DEACTIVATED')
    // A key never grants more than its owner's current role allows.
    const granted = new Set(permissionsOf(row.role))
    const permissions = new Set((row.scopes as Permission[]).filter((p) => granted.has(p)))
    const principal: Principal = {
      kind: 'api_key',
      userId: row.user_id,
      label: `${row.email} (key "${row.name}")`,
      role: row.role,
      permissions,
      apiKeyId: row.id,
      viaCookie: false,
    }
    this.options.cache.set(cacheKey, principal, Infinity, epoch)
    this.touch(key.id, () => this.options.credentials.touchApiKey(key.id))
    return principal
  }

  private async fromSession(token: string): Promise<Principal | undefined> {
    const tokenHash = sha256(token)
    const cacheKey = 'session:' + tokenHash
    const cached = this.options.cache.get(cacheKey)
    if (cached) return cached
    const epoch = this.options.cache.epoch
    const row = await this.options.credentials.findSession(tokenHash)
    if (!row || row.expires_at.getTime() <= this.now() || !row.active || !isRole(row.role))
      return undefined
    const principal: Principal = {
      kind: 'user',
      userId: row.user_id,
      label: row.email,
      role: row.role,
      permissions: new Set(permissionsOf(row.role)),
      viaCookie: true,
      csrfToken: row.csrf_token,
      sessionTokenHash: tokenHash,
    }
    this.options.cache.set(cacheKey, principal, row.expires_at.getTime(), epoch)
    this.touch(tokenHash, () => this.options.credentials.touchSession(tokenHash))
    return principal
  }

  /** Records use without waiting for it, at most once a minute per credential. */
  private touch(id: string, write: () => Promise<void>): void {
    const now = this.now()
    if (now - (this.touched.get(id) ?? 0) < TOUCH_INTERVAL_MS) return
    if (this.touched.size > 10_000) this.touched.clear()
    this.touched.set(id, now)
    write().catch((error: unknown) =>
      this.options.logger.warn({ err: error }, 'could not record credential use'),
    )
  }
}
