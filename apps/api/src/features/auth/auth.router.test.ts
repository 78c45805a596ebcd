import pino from 'pino'
import supertest from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../app.ts'
import { permissionsOf } from '../../common/auth/permissions.ts'
import { sha256 } from '../../common/auth/tokens.ts'
import { createContext } from '../../common/context.ts'
import { createTestApp, TEST_PASSWORD_COST, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import {
  TEST_PASSWORD,
  createUser,
  createUserWithKey,
  sessionSetCookie,
  signIn,
} from '../../../test/support/users.ts'

describe.each(DATABASE_KINDS)('auth: sign-in, session cookie and CSRF on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('signs in with an HttpOnly, SameSite=Lax cookie; me; CSRF guards mutations; logout ends the session server-side', async () => {
    t = await createTestApp(kind)
    const user = await createUser(t, 'designer')
    const session = await signIn(t, user.email)
    expect(session.setCookie).toMatch(/; HttpOnly/)
    expect(session.setCookie).toMatch(/; SameSite=Lax/)
    expect(session.setCookie).toMatch(/; Path=\//)
    expect(session.setCookie).not.toMatch(/Secure/)

    const me = await session.agent.get('/api/auth/me').expect(200)
    expect(me.body.data).toEqual({
      user: { id: user.id, email: user.email, name: 'Test designer', role: 'designer' },
      permissions: permissionsOf('designer'),
      authenticatedBy: 'session',
      csrfToken: session.csrf['X-CSRF-Token'],
    })
    expect(JSON.stringify(me.body)).not.toContain(session.cookie)

    const noHeader = await session.agent.post('/api/api-keys').send({ name: 'k' }).expect(403)
    expect(noHeader.body.errors[0].code).toBe('CSRF_TOKEN_INVALID')
    const wrong = await session.agent
      .post('/api/api-keys')
      .set('X-CSRF-Token', 'not-the-token')
      .send({ name: 'k' })
      .expect(403)
    expect(wrong.body.errors[0].code).toBe('CSRF_TOKEN_INVALID')
    await session.agent.post('/api/api-keys').set(session.csrf).send({ name: 'k' }).expect(201)

    await session.agent.post('/api/auth/logout').expect(403)
    const out = await session.agent.post('/api/auth/logout').set(session.csrf).expect(200)
    expect(out.body).toEqual({ data: { signedOut: true } })
    expect(sessionSetCookie(out.headers['set-cookie'])).toMatch(/Expires=Thu, 01 Jan 1970/)
    const rows = await t.ctx.db
      .selectFrom('auth_sessions')
      .select('token_hash')
      .where('token_hash', '=', sha256(session.cookie))
      .execute()
    expect(rows).toEqual([])
    // The old cookie, replayed, is worth nothing (the cache was told, not just the database).
    const replay = await supertest(t.app)
      .get('/api/auth/me')
      .set('Cookie', `vf_session=${session.cookie}`)
      .expect(401)
    expect(replay.body.errors[0].code).toBe('UNAUTHENTICATED')

    const audit = await t.request.get('/api/audit').set(t.admin).expect(200)
    const actions = (audit.body.data as Array<{ action: string }>).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.logout']))
  })

  it('sets Secure only behind an https proxy it trusts', async () => {
    t = await createTestApp(kind)
    const user = await createUser(t, 'reviewer')
    const untrusted = await t.request
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200)
    expect(sessionSetCookie(untrusted.headers['set-cookie'])).not.toMatch(/Secure/)
    await t.close()

    t = await createTestApp(kind, { TRUST_PROXY: 'loopback' })
    const again = await createUser(t, 'reviewer')
    const behindTls = await supertest(t.app)
      .post('/api/auth/login')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: again.email, password: TEST_PASSWORD })
      .expect(200)
    const cookie = sessionSetCookie(behindTls.headers['set-cookie'])
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; HttpOnly/)
  })

  it('answers a wrong password and an unknown email the same way', async () => {
    t = await createTestApp(kind)
    const user = await createUser(t, 'developer')
    const wrong = await supertest(t.app)
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not the password' })
      .expect(401)
    const unknown = await supertest(t.app)
      .post('/api/auth/login')
      .send({ email: 'nobody@example.test', password: 'not the password' })
      .expect(401)
    expect(wrong.body).toEqual(unknown.body)
    expect(wrong.body.errors[0].code).toBe('INVALID_CREDENTIALS')
    expect(wrong.headers['set-cookie']).toBeUndefined()
    const invalid = await supertest(t.app).post('/api/auth/login').send({ email: 'x' }).expect(400)
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/email']),
    )
  })

  it('locks an email after repeated failures (known or not), leaving other emails alone', async () => {
    t = await createTestApp(kind, {
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_MINUTES: '15',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    })
    const user = await createUser(t, 'designer')
    const other = await createUser(t, 'designer')
    const attempt = (email: string, password: string) =>
      supertest(t.app).post('/api/auth/login').send({ email, password })
    for (let i = 0; i < 3; i++)
      expect((await attempt(user.email, 'wrong password')).status).toBe(401)
    const locked = await attempt(user.email.toUpperCase(), TEST_PASSWORD)
    expect(locked.status).toBe(429)
    expect(locked.body.errors[0]).toMatchObject({ code: 'LOGIN_LOCKED' })
    expect(locked.body.errors[0].message).toMatch(/15 minute/)
    expect((await attempt(other.email, TEST_PASSWORD)).status).toBe(200)
    for (let i = 0; i < 3; i++) await attempt('ghost@example.test', 'wrong password')
    expect((await attempt('ghost@example.test', 'x')).body.errors[0].code).toBe('LOGIN_LOCKED')
    // Nothing about the attempted email is stored in clear.
    const keys = await t.ctx.db.selectFrom('login_failures').select('key').execute()
    expect(JSON.stringify(keys)).not.toMatch(/example\.test/)

    // Once the lock has run out, the right password works and the count starts again.
    await t.ctx.db
      .updateTable('login_failures')
      .set({ locked_until: new Date(Date.now() - 1000), first_failed_at: new Date(0) })
      .execute()
    expect((await attempt(user.email, TEST_PASSWORD)).status).toBe(200)
    expect((await attempt(user.email, 'wrong password')).status).toBe(401)
    expect((await attempt(user.email, TEST_PASSWORD)).status).toBe(200)
  })

  it('rate-limits sign-in attempts per client IP', async () => {
    t = await createTestApp(kind, { LOGIN_RATE_LIMIT_PER_MINUTE: '3', LOGIN_MAX_FAILURES: '0' })
    for (let i = 0; i < 3; i++)
      await supertest(t.app)
        .post('/api/auth/login')
        .send({ email: `u${i}@example.test`, password: 'wrong password' })
        .expect(401)
    const limited = await supertest(t.app)
      .post('/api/auth/login')
      .send({ email: 'u9@example.test', password: 'wrong password' })
      .expect(429)
    expect(limited.body.errors[0].code).toBe('RATE_LIMITED')
    expect(limited.headers['ratelimit-policy']).toBeDefined()
    // Other routes are not affected by the sign-in limiter.
    await supertest(t.app).get('/api/auth/setup').expect(200)
  })

  it.runIf(kind === 'postgres')(
    'counts sign-in attempts per IP across instances sharing the database',
    async () => {
      t = await createTestApp(kind, { LOGIN_RATE_LIMIT_PER_MINUTE: '2', LOGIN_MAX_FAILURES: '0' })
      const other = await createContext(t.config, t.database, {
        logger: pino({ level: 'silent' }),
        passwordCost: TEST_PASSWORD_COST,
      })
      try {
        const apps = [t.app, createApp(other), t.app]
        const statuses = []
        for (const app of apps)
          statuses.push(
            (
              await supertest(app)
                .post('/api/auth/login')
                .send({ email: 'a@example.test', password: 'wrong password' })
            ).status,
          )
        expect(statuses).toEqual([401, 401, 429])
      } finally {
        await other.close()
      }
    },
  )

  it('refuses deactivated users, after checking the password', async () => {
    t = await createTestApp(kind)
    const user = await createUser(t, 'designer')
    await t.request.delete(`/api/users/${user.id}`).set(t.admin).expect(200)
    const right = await supertest(t.app)
      .post('/api/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(401)
    expect(right.body.errors[0].code).toBe('ACCOUNT_DEACTIVATED')
    const wrong = await supertest(t.app)
      .post('/api/auth/login')
      .send({ email: user.email, password: 'wrong password' })
      .expect(401)
    expect(wrong.body.errors[0].code).toBe('INVALID_CREDENTIALS')
  })

  it('GET /auth/me answers for API keys and the ADMIN_TOKEN, 401 for anonymous callers', async () => {
    t = await createTestApp(kind)
    const dev = await createUserWithKey(t, 'developer')
    const byKey = await supertest(t.app).get('/api/auth/me').set(dev.auth).expect(200)
    expect(byKey.body.data).toEqual({
      user: { id: dev.id, email: dev.email, name: 'Test developer', role: 'developer' },
      permissions: permissionsOf('developer'),
      authenticatedBy: 'api_key',
    })
    const byToken = await supertest(t.app).get('/api/auth/me').set(t.admin).expect(200)
    expect(byToken.body.data).toMatchObject({
      user: { id: null, email: null, role: 'admin' },
      authenticatedBy: 'admin_token',
    })
    expect(byToken.body.data.permissions).toEqual(permissionsOf('admin'))
    const anonymous = await supertest(t.app).get('/api/auth/me').expect(401)
    expect(anonymous.body.errors[0].code).toBe('UNAUTHENTICATED')
    // Logging out without a cookie is harmless.
    await supertest(t.app).post('/api/auth/logout').expect(200)
  })
})
