import { Type } from '@sinclair/typebox'
import type { CookieOptions, Request, Response } from 'express'
import { SESSION_COOKIE } from '../../common/auth/authenticate.ts'
import type { AppContext } from '../../common/context.ts'
import { requestIdOf } from '../../common/http/request.ts'
import { principalOf, type RouteDef } from '../../common/http/route.ts'
import { createRateLimiter } from '../../common/middleware/rate-limit.ts'
import {
  AcceptInviteBody,
  LoginBody,
  Me,
  SetupBody,
  SetupStatus,
  SignedIn,
} from './auth.schemas.ts'
import { AuthService, type SignedIn as Session } from './auth.service.ts'

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' }
}

/** Sets the session cookie and answers with the user and the CSRF token (never the session token). */
function sendSignedIn(req: Request, res: Response, signedIn: Session, status = 200): void {
  const { user, session } = signedIn
  res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions(req), expires: session.expiresAt })
  res.status(status).set('Cache-Control', 'no-store')
  res.json({ data: { user, csrfToken: session.csrfToken } })
}

/** `/auth/*`: console sign-in with a session cookie, first-run set-up, invitations. */
export function authRoutes(ctx: AppContext): RouteDef[] {
  const auth = new AuthService(ctx)
  const perMinute = ctx.config.loginRateLimitPerMinute
  // Stricter than the general limiter, per client IP, shared by every instance through the store.
  const limited =
    perMinute > 0 ? [createRateLimiter('login', perMinute, 60_000, ctx.rateLimitStore)] : []
  const signedIn = {
    description: 'Signed in; the session is the vf_session cookie',
    schema: SignedIn,
  }
  return [
    {
      method: 'post',
      path: '/auth/login',
      access: 'public',
      tag: 'auth',
      summary: 'Sign in with email and password (sets the vf_session cookie)',
      body: LoginBody,
      middleware: limited,
      responses: { 200: signedIn },
      handler: async (req, res) => {
        sendSignedIn(req, res, await auth.login(req.body as LoginBody, requestIdOf(req)))
      },
    },
    {
      method: 'post',
      path: '/auth/logout',
      access: 'public',
      tag: 'auth',
      summary: 'Sign out: the session ends on the server and the cookie is cleared',
      responses: { 200: { description: 'Signed out' } },
      handler: async (req, res) => {
        const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE]
        await auth.logout(token, req.principal, requestIdOf(req))
        res.clearCookie(SESSION_COOKIE, cookieOptions(req)).json({ data: { signedOut: true } })
      },
    },
    {
      method: 'get',
      path: '/auth/me',
      access: 'authenticated',
      tag: 'auth',
      summary: 'Who is calling (cookie, API key or ADMIN_TOKEN) and what they may do',
      responses: { 200: { description: 'The caller', schema: Type.Object({ data: Me }) } },
      handler: async (req, res) => {
        res.set('Cache-Control', 'no-store').json({ data: await auth.me(principalOf(req)) })
      },
    },
    {
      method: 'get',
      path: '/auth/setup',
      access: 'public',
      tag: 'auth',
      summary: 'Whether this installation still needs its first admin',
      responses: { 200: { description: 'Set-up state', schema: SetupStatus } },
      handler: async (_req, res) => {
        res.json({ data: { needsSetup: await auth.needsSetup() } })
      },
    },
    {
      method: 'post',
      path: '/auth/setup',
      access: 'public',
      tag: 'auth',
      summary: 'Create the first admin with the one-time set-up link’s token (signs them in)',
      body: SetupBody,
      middleware: limited,
      responses: { 201: signedIn },
      handler: async (req, res) => {
        const signedInAdmin = await auth.completeSetup(req.body as SetupBody, requestIdOf(req))
        sendSignedIn(req, res, signedInAdmin, 201)
      },
    },
    {
      method: 'post',
      path: '/auth/accept-invite',
      access: 'public',
      tag: 'auth',
      summary: 'Set your password with a one-time invitation link’s token (signs you in)',
      body: AcceptInviteBody,
      middleware: limited,
      responses: { 200: signedIn },
      handler: async (req, res) => {
        const body = req.body as AcceptInviteBody
        sendSignedIn(req, res, await auth.acceptInvite(body, requestIdOf(req)))
      },
    },
  ]
}
