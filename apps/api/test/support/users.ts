import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import pino, { type Logger } from 'pino'
import supertest from 'supertest'
import { expect } from 'vitest'
import type { Role } from '../../src/common/auth/permissions.ts'
import type { TestApp } from './test-app.ts'

/** A password that passes the product's rules. */
export const TEST_PASSWORD = 'correct horse battery staple'

export interface TestUser {
  id: string
  email: string
  password: string
  role: Role
}

/** Creates a user with a password through the API (as the ADMIN_TOKEN). */
export async function createUser(
  t: TestApp,
  role: Role,
  password = TEST_PASSWORD,
): Promise<TestUser> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`
  const res = await t.request
    .post('/api/users')
    .set(t.admin)
    .send({ email, name: `Test ${role}`, role, password })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { id: res.body.data.user.id as string, email, password, role }
}

export interface SignedInSession {
  /** An agent holding the session cookie. */
  agent: supertest.Agent
  /** The header a cookie-authenticated mutation needs. */
  csrf: { 'X-CSRF-Token': string }
  /** The raw session cookie value (to assert it never leaks). */
  cookie: string
  setCookie: string
}

/** Signs in through POST /api/auth/login with a fresh cookie jar. */
export async function signIn(
  t: TestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<SignedInSession> {
  const agent = supertest.agent(t.app)
  const res = await agent.post('/api/auth/login').send({ email, password })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  const setCookie = sessionSetCookie(res.headers['set-cookie'])
  return {
    agent,
    csrf: { 'X-CSRF-Token': res.body.data.csrfToken as string },
    cookie: /^vf_session=([^;]*)/.exec(setCookie)![1]!,
    setCookie,
  }
}

/** The Set-Cookie line of the session cookie. */
export function sessionSetCookie(header: string | string[] | undefined): string {
  const lines = Array.isArray(header) ? header : header ? [header] : []
  const line = lines.find((l) => l.startsWith('vf_session='))
  expect(line, 'no vf_session cookie was set').toBeDefined()
  return line!
}

export interface UserWithKey extends TestUser {
  session: SignedInSession
  key: string
  keyId: string
  auth: { Authorization: string }
}

/** A user of `role` with a session and an API key of every permission of the role. */
export async function createUserWithKey(t: TestApp, role: Role): Promise<UserWithKey> {
  const user = await createUser(t, role)
  const session = await signIn(t, user.email, user.password)
  const res = await session.agent
    .post('/api/api-keys')
    .set(session.csrf)
    .send({ name: `${role} key` })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  const key = res.body.data.key as string
  return {
    ...user,
    session,
    key,
    keyId: res.body.data.id as string,
    auth: { Authorization: `Bearer ${key}` },
  }
}

/** A pino logger writing every line (all levels) into `lines`. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      done()
    },
  })
  return { logger: pino({ level: 'trace' }, stream), lines }
}

/** Polls until `check` passes (for work done after the answer, such as NOTIFY or touches). */
export async function eventually(check: () => Promise<void>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}
