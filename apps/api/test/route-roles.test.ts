import { randomUUID } from 'node:crypto'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  PERMISSIONS,
  ROLES,
  roleAllows,
  type Permission,
  type Role,
} from '../src/common/auth/permissions.ts'
import type { Access, RouteDef } from '../src/common/http/route.ts'
import { apiRoutes } from '../src/routes.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'
import { DATABASE_KINDS } from './support/test-database.ts'
import { createUserWithKey } from './support/users.ts'

/** PRODUCT.md §3 "Roles", transcribed: the matrix in code must say exactly this. */
const PRODUCT_MATRIX: Record<Permission, Role[]> = {
  'flows:read': ['admin', 'designer', 'reviewer', 'developer'], // read flows, versions, exports
  'flows:write': ['admin', 'designer'], // edit drafts, import
  'flows:publish': ['admin', 'designer'], // publish
  'sessions:launch': ['admin', 'designer', 'developer'], // launch sessions
  'sessions:read': ['admin', 'reviewer'], // read sessions and media
  'sessions:decide': ['admin', 'reviewer'], // decide sessions
  'settings:manage': ['admin'], // provider settings, webhooks
  'users:manage': ['admin'], // users
  'audit:read': ['admin'], // the audit log (admin only, issue 3)
  'keys:own': ['admin', 'designer', 'reviewer', 'developer'], // own API keys
}

describe('the role matrix', () => {
  it('is PRODUCT.md §3', () => {
    expect(PERMISSIONS).toEqual(PRODUCT_MATRIX)
    expect(roleAllows('reviewer', 'flows:write')).toBe(false)
    expect(roleAllows('developer', 'sessions:launch')).toBe(true)
    expect(roleAllows('developer', 'sessions:read')).toBe(false)
    for (const only of ['users:manage', 'audit:read', 'settings:manage'] as const)
      expect(ROLES.filter((role) => roleAllows(role, only))).toEqual(['admin'])
  })
})

/**
 * The permission PRODUCT.md §3 gives each resource. Routes are checked against this, so a route
 * that declares the wrong permission fails here (the walk below only proves that the declared
 * permission is enforced). A new resource needs a line here: that is the review of its access.
 */
function policyFor(method: string, path: string): Access | undefined {
  const read = method === 'get'
  if (['/health', '/openapi.json'].includes(path)) return 'public'
  if (path === '/auth/me') return 'authenticated'
  if (path.startsWith('/auth/')) return 'public'
  if (path.startsWith('/users')) return 'users:manage'
  if (path.startsWith('/api-keys')) return 'keys:own'
  if (path.startsWith('/audit')) return 'audit:read'
  if (path === '/settings/app') return read ? 'authenticated' : 'settings:manage'
  if (path.startsWith('/settings') || path.startsWith('/webhooks')) return 'settings:manage'
  if (path.startsWith('/flows/') && path.endsWith('/publish')) return 'flows:publish'
  // The funnel counts sessions (read sessions), though its address is under the flow version.
  if (path.startsWith('/flows/') && path.endsWith('/funnel')) return 'sessions:read'
  if (path.startsWith('/flows') || path.startsWith('/templates'))
    return read ? 'flows:read' : 'flows:write'
  if (path === '/validate') return 'flows:read'
  if (path.startsWith('/launches')) return 'sessions:launch'
  // The launcher's back end reports the provider page's "done" (see docs/webhooks-and-callbacks.md).
  if (path.startsWith('/sessions/') && path.endsWith('/provider-done')) return 'sessions:launch'
  if (path.startsWith('/sessions')) return read ? 'sessions:read' : 'sessions:decide'
  // A saved view is a way of reading sessions: whoever reads them keeps their own views.
  if (path.startsWith('/saved-views')) return 'sessions:read'
  if (path.startsWith('/callbacks/') || path.startsWith('/runner/')) return 'public'
  return undefined
}

type Caller = 'anonymous' | Role

/** What a caller must not get for a route: 401 for anonymous, 403 only without the permission. */
function expectation(route: RouteDef, caller: Caller): 'unauthenticated' | 'forbidden' | 'allowed' {
  if (route.access === 'public') return 'allowed'
  if (caller === 'anonymous') return 'unauthenticated'
  if (route.access === 'authenticated') return 'allowed'
  return roleAllows(caller, route.access) ? 'allowed' : 'forbidden'
}

describe.each(DATABASE_KINDS)('every route × role on %s', (kind) => {
  let t: TestApp
  const headers = {} as Record<Caller, Record<string, string>>

  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_LIMIT_PER_MINUTE: '0' })
    headers.anonymous = {}
    for (const role of ROLES) headers[role] = (await createUserWithKey(t, role)).auth
  })
  afterAll(async () => t?.close())

  it('knows the routes of every feature', () => {
    const routes = apiRoutes(t.ctx).map((r) => `${r.method} ${r.path}`)
    expect(routes).toEqual(
      expect.arrayContaining([
        'post /auth/login',
        'get /auth/me',
        'get /users',
        'delete /users/:id',
        'post /api-keys',
        'get /audit',
        'get /sessions/reviewers',
        'get /saved-views',
        'post /saved-views',
        'patch /saved-views/:id',
        'delete /saved-views/:id',
        'get /flows/:id/versions/:n/funnel',
      ]),
    )
  })

  it('every route declares the permission PRODUCT.md §3 gives its resource', () => {
    const wrong = apiRoutes(t.ctx)
      .map((r) => ({
        route: `${r.method.toUpperCase()} ${r.path}`,
        declared: r.access,
        policy: policyFor(r.method, r.path),
      }))
      .filter((r) => r.declared !== r.policy)
    expect(wrong, 'routes whose access differs from the policy (or have none there)').toEqual([])
  })

  it.each<Caller>(['anonymous', ...ROLES])(
    '%s gets 401 / 403 exactly where the matrix says',
    async (caller) => {
      const failures: string[] = []
      for (const route of apiRoutes(t.ctx)) {
        const path = '/api' + route.path.replace(/:[A-Za-z0-9_]+/g, () => randomUUID())
        let request = supertest(t.app)[route.method](path).set(headers[caller])
        if (route.method !== 'get') request = request.send({})
        const res = await request
        const expected = expectation(route, caller)
        const code = (res.body as { errors?: Array<{ code?: unknown }> })?.errors?.[0]?.code
        const label = `${route.method.toUpperCase()} ${route.path} (${route.access}) as ${caller}: ${res.status} ${String(code ?? '')}`
        if (res.status >= 500) failures.push(`${label} — server error`)
        else if (res.status >= 400 && typeof code !== 'string')
          failures.push(`${label} — no error code`)
        else if (expected === 'unauthenticated' && res.status !== 401)
          failures.push(`${label} — expected 401`)
        else if (expected === 'forbidden' && (res.status !== 403 || code !== 'FORBIDDEN'))
          failures.push(`${label} — expected 403 FORBIDDEN`)
        else if (
          expected === 'allowed' &&
          route.access !== 'public' &&
          [401, 403].includes(res.status)
        )
          failures.push(`${label} — expected neither 401 nor 403`)
      }
      expect(failures).toEqual([])
    },
  )
})
