import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RouteDef } from '../src/common/http/route.ts'
import { apiRoutes } from '../src/routes.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'
import { DATABASE_KINDS } from './support/test-database.ts'

const SEED = 20261122

/** Property names a route's body or query schema knows, so random values land on real fields. */
function knownKeys(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties
  return properties ? Object.keys(properties) : []
}

function bodies(route: RouteDef): unknown[] {
  const keys = knownKeys(route.body)
  const shaped = keys.length
    ? fc.dictionary(fc.constantFrom(...keys, 'extra'), fc.jsonValue({ maxDepth: 3 }), {
        maxKeys: keys.length + 1,
      })
    : fc.jsonValue({ maxDepth: 3 })
  return [
    ...fc.sample(fc.jsonValue({ maxDepth: 4 }), { seed: SEED, numRuns: 12 }),
    ...fc.sample(shaped, { seed: SEED + 1, numRuns: 18 }),
  ]
}

function queries(route: RouteDef): Record<string, string>[] {
  const keys = [...knownKeys(route.query), 'cursor', 'limit', 'q']
  return fc.sample(
    fc.dictionary(
      fc.constantFrom(...keys),
      fc.oneof(
        fc.string(),
        fc.integer().map(String),
        fc.constantFrom('-1', '1e9', 'true', '[]', '%00'),
      ),
    ),
    { seed: SEED + 2, numRuns: 8 },
  )
}

const PATH_VALUES = [
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '1',
  '-1',
  '99999999999999999999',
  "'; drop table flows; --",
  '%E2%80%AE',
  'ünï',
  'a'.repeat(300),
]

function fillPath(path: string, value: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(value))
}

function expectEnvelope(status: number, body: unknown, what: string): void {
  expect(status, `${what} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(
    500,
  )
  if (status >= 400) {
    const errors = (body as { errors?: unknown }).errors
    expect(Array.isArray(errors) && errors.length > 0, `${what}: no error envelope`).toBe(true)
    for (const entry of errors as Array<Record<string, unknown>>) {
      expect(typeof entry.code, what).toBe('string')
      expect(typeof entry.message, what).toBe('string')
      if (entry.path !== undefined) expect(typeof entry.path, what).toBe('string')
    }
  }
}

describe.each(DATABASE_KINDS)('fuzz: no client input gets a 500 (%s)', (kind) => {
  let t: TestApp
  let routes: RouteDef[]
  beforeAll(async () => {
    // The login limiter would answer 429 to the many login attempts below; limits have tests of their own.
    t = await createTestApp(kind, { LOGIN_RATE_LIMIT_PER_MINUTE: '0' })
    routes = apiRoutes(t.ctx).filter((route) => route.path !== '/auth/logout')
  })
  afterAll(async () => t?.close())

  it('random and mutated bodies, queries and path parameters on every route', async () => {
    for (const route of routes) {
      const path = '/api' + fillPath(route.path, PATH_VALUES[0]!)
      for (const body of route.method === 'get' ? [undefined] : bodies(route)) {
        const request = t.request[route.method](path).set(t.admin)
        // As JSON text: superagent cannot send a bare number (fc.jsonValue makes some).
        const res = await (body === undefined
          ? request
          : request.set('content-type', 'application/json').send(JSON.stringify(body)))
        expectEnvelope(
          res.status,
          res.body,
          `${route.method.toUpperCase()} ${route.path} body=${JSON.stringify(body)?.slice(0, 80)}`,
        )
      }
      for (const query of queries(route)) {
        const res = await t.request[route.method](path).query(query).set(t.admin)
        expectEnvelope(
          res.status,
          res.body,
          `${route.method.toUpperCase()} ${route.path} query=${JSON.stringify(query)}`,
        )
      }
      for (const value of PATH_VALUES.slice(1)) {
        if (!route.path.includes(':')) break
        const res = await t.request[route.method]('/api' + fillPath(route.path, value))
          .set(t.admin)
          .send({})
        expectEnvelope(
          res.status,
          res.body,
          `${route.method.toUpperCase()} ${route.path} param=${value}`,
        )
      }
    }
  }, 180_000) // every route × many inputs: minutes on a loaded two-core machine

  it('text PostgreSQL cannot store (U+0000, lone surrogates) is a 400 with a path on every route', async () => {
    for (const route of routes) {
      const path = '/api' + fillPath(route.path, PATH_VALUES[0]!)
      const byQuery = await t.request[route.method](path).query({ q: 'a\u0000b' }).set(t.admin)
      expect(byQuery.status, `${route.method} ${route.path}`).toBe(400)
      expect(byQuery.body.errors[0]).toMatchObject({
        code: 'UNSUPPORTED_CHARACTER',
        path: '/query/q',
      })
      if (route.method === 'get') continue
      const byBody = await t.request[route.method](path)
        .set(t.admin)
        .set('content-type', 'application/json')
        .send('{"name": "\\ud800 x", "note": "ok"}')
      expect(byBody.status, `${route.method} ${route.path}`).toBe(400)
      expect(byBody.body.errors[0]).toMatchObject({ code: 'UNSUPPORTED_CHARACTER', path: '/name' })
    }
  })

  it('malformed JSON is 400, other content types are 415, huge bodies are 413 — in the envelope', async () => {
    for (const route of routes.filter((r) => r.method !== 'get')) {
      const path = '/api' + fillPath(route.path, PATH_VALUES[0]!)
      const malformed = await t.request[route.method](path)
        .set(t.admin)
        .set('content-type', 'application/json')
        .send('{"a": ')
      expect(malformed.status).toBe(400)
      expect(malformed.body.errors[0].code).toBe('MALFORMED_JSON')
      const text = await t.request[route.method](path)
        .set(t.admin)
        .set('content-type', 'text/plain')
        .send('hello')
      expect(text.status).toBe(415)
      expect(text.body.errors[0].code).toBe('UNSUPPORTED_MEDIA_TYPE')
    }
    const huge = await t.request
      .post('/api/validate')
      .set(t.admin)
      .set('content-type', 'application/json')
      .send(`{"flow": "${'x'.repeat(6 * 1024 * 1024)}"}`)
    expect(huge.status).toBe(413)
    expect(huge.body.errors[0].code).toBe('PAYLOAD_TOO_LARGE')
  })
})
