import supertest from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { sha256 } from '../src/common/auth/tokens.ts'
import { bootstrap } from '../src/features/auth/bootstrap.ts'
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from './support/test-app.ts'
import { DATABASE_KINDS } from './support/test-database.ts'
import { capturingLogger, sessionSetCookie } from './support/users.ts'

const BOOT_PASSWORD = 'bootstrap password 0001'
const USER_PASSWORD = 'designer password 0002'
const WRONG_PASSWORD = 'mistyped password 0003'
const INVITED_PASSWORD = 'invited password 0004'

describe.each(DATABASE_KINDS)('secrets stay secret on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('no answer (but the one-time creations) and no log line carries a password, hash, token or key', async () => {
    const { logger, lines } = capturingLogger()
    t = await createTestApp(
      kind,
      { ADMIN_EMAIL: 'boot@example.test', ADMIN_PASSWORD: BOOT_PASSWORD },
      { logger },
    )
    await bootstrap(t.ctx)
    const api = () => supertest(t.app)
    /** Answers that must be clean; the one-time creations are checked for what they may show. */
    const answers: string[] = []
    const keep = <R extends { text: string }>(res: R): R => {
      answers.push(res.text)
      return res
    }

    // Users with passwords, and one invitation (its link is shown once, in that answer only).
    keep(
      await api()
        .post('/api/users')
        .set(t.admin)
        .send({ email: 'd@example.test', name: 'D', role: 'designer', password: USER_PASSWORD })
        .expect(201),
    )
    const invited = await api()
      .post('/api/users')
      .set(t.admin)
      .send({ email: 'i@example.test', name: 'I', role: 'reviewer' })
      .expect(201)
    const inviteToken = new URL(invited.body.data.inviteUrl).searchParams.get('token')!
    keep(
      await api()
        .post('/api/users')
        .set(t.admin)
        .send({ email: 'x@example.test', name: 'X', role: 'designer', password: 'short' }),
    )

    // Sign-ins: wrong, malformed, right; the session cookie is a Set-Cookie header only.
    keep(
      await api()
        .post('/api/auth/login')
        .send({ email: 'd@example.test', password: WRONG_PASSWORD })
        .expect(401),
    )
    keep(
      await api()
        .post('/api/auth/login')
        .send({ email: 'd@example.test', password: USER_PASSWORD, extra: USER_PASSWORD })
        .expect(400),
    )
    const agent = supertest.agent(t.app)
    const login = keep(
      await agent
        .post('/api/auth/login')
        .send({ email: 'd@example.test', password: USER_PASSWORD })
        .expect(200),
    )
    const cookie = /^vf_session=([^;]*)/.exec(sessionSetCookie(login.headers['set-cookie']))![1]!
    const csrf = { 'X-CSRF-Token': login.body.data.csrfToken as string }
    keep(await agent.get('/api/auth/me').expect(200))

    // An API key: its value is in the creation answer only.
    const created = await agent.post('/api/api-keys').set(csrf).send({ name: 'ci' }).expect(201)
    const key = created.body.data.key as string
    const keySecret = key.slice(37)
    const auth = { Authorization: `Bearer ${key}` }
    keep(await api().get('/api/api-keys').set(auth).expect(200))
    keep(await api().get('/api/auth/me').set(auth).expect(200))
    keep(
      await api()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}x`)
        .expect(401),
    )
    keep(
      await api()
        .get('/api/auth/me')
        .set('Authorization', `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)
        .expect(401),
    )
    keep(await api().get(`/api/auth/setup?token=${inviteToken}`).expect(200))
    keep(
      await api()
        .post('/api/auth/accept-invite')
        .send({ token: inviteToken, password: INVITED_PASSWORD })
        .expect(200),
    )
    keep(await api().get('/api/users').set(t.admin).expect(200))
    keep(await api().get('/api/audit').set(t.admin).expect(200))
    keep(await agent.delete(`/api/api-keys/${created.body.data.id}`).set(csrf).expect(200))
    keep(await agent.post('/api/auth/logout').set(csrf).expect(200))

    const hashes = (await t.ctx.db.selectFrom('users').select('password_hash').execute())
      .map((row) => row.password_hash)
      .filter((hash): hash is string => hash !== null)
    expect(hashes).toHaveLength(3)
    const secrets: Record<string, string> = {
      'bootstrap password': BOOT_PASSWORD,
      'user password': USER_PASSWORD,
      'wrong password': WRONG_PASSWORD,
      'invited password': INVITED_PASSWORD,
      'session cookie': cookie,
      'session token hash': sha256(cookie),
      'key secret': keySecret,
      'key secret hash': sha256(keySecret),
      'invitation token': inviteToken,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...Object.fromEntries(hashes.map((hash, i) => [`password hash ${i}`, hash.split('$')[5]!])),
    }
    for (const [i, answer] of answers.entries()) {
      expect(answer).not.toMatch(/scrypt\$/)
      for (const [name, secret] of Object.entries(secrets))
        expect(answer.includes(secret), `answer ${i} contains the ${name}`).toBe(false)
    }
    // The one-time creations show only their own secret.
    expect(created.text).toContain(keySecret)
    for (const name of ['user password', 'session cookie', 'ADMIN_TOKEN'])
      expect(created.text.includes(secrets[name]!), `key creation shows the ${name}`).toBe(false)
    expect(invited.text).not.toContain(TEST_ADMIN_TOKEN)

    expect(lines.some((line) => line.includes('/api/auth/login'))).toBe(true)
    for (const [i, line] of lines.entries())
      for (const [name, secret] of Object.entries(secrets))
        expect(line.includes(secret), `log line ${i} contains the ${name}`).toBe(false)
  })
})
