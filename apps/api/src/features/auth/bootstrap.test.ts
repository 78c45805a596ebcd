import supertest from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { createContext } from '../../common/context.ts'
import {
  createTestApp,
  TEST_ADMIN_TOKEN,
  TEST_PASSWORD_COST,
  type TestApp,
} from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { capturingLogger, sessionSetCookie } from '../../../test/support/users.ts'
import { bootstrap } from './bootstrap.ts'

const ADMIN_PASSWORD = 'first admin password 42'

describe.each(DATABASE_KINDS)('first start on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('ADMIN_EMAIL + ADMIN_PASSWORD create the first admin once, even when two instances start together', async () => {
    const { logger, lines } = capturingLogger()
    t = await createTestApp(
      kind,
      { ADMIN_EMAIL: 'Root@Example.test', ADMIN_PASSWORD, ADMIN_TOKEN: '' },
      { logger },
    )
    // A second instance on the same database, starting at the same moment.
    const second = await createContext(t.config, t.database, {
      logger,
      passwordCost: TEST_PASSWORD_COST,
    })
    await Promise.all([bootstrap(t.ctx), bootstrap(second)])
    await second.close()
    await bootstrap(t.ctx) // a restart
    const users = await t.ctx.db.selectFrom('users').select(['email', 'role', 'active']).execute()
    expect(users).toEqual([{ email: 'root@example.test', role: 'admin', active: true }])

    await supertest(t.app)
      .post('/api/auth/login')
      .send({ email: 'root@example.test', password: ADMIN_PASSWORD })
      .expect(200)
    const setup = await supertest(t.app).get('/api/auth/setup').expect(200)
    expect(setup.body).toEqual({ data: { needsSetup: false } })
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.created')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_label: 'system', target_type: 'user' })
    expect(lines.join('\n')).not.toContain(ADMIN_PASSWORD)
    expect(lines.join('\n')).not.toMatch(/setup\?token=/)
  })

  it('refuses to start with a weak ADMIN_PASSWORD or a malformed ADMIN_EMAIL', async () => {
    t = await createTestApp(kind, { ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: 'short' })
    await expect(bootstrap(t.ctx)).rejects.toThrow('ADMIN_PASSWORD must be at least 10 characters')
    await t.close()
    t = await createTestApp(kind, { ADMIN_EMAIL: 'root', ADMIN_PASSWORD })
    await expect(bootstrap(t.ctx)).rejects.toThrow('ADMIN_EMAIL is not an email address')
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toEqual([])
  })

  it('with only the ADMIN_TOKEN, makes no set-up link', async () => {
    const { logger, lines } = capturingLogger()
    t = await createTestApp(kind, {}, { logger })
    await bootstrap(t.ctx)
    expect(lines.join('\n')).not.toMatch(/token=/)
    expect(lines.join('\n')).not.toContain(TEST_ADMIN_TOKEN)
    expect(await t.ctx.db.selectFrom('one_time_tokens').select('purpose').execute()).toEqual([])
  })

  it('with nothing configured, logs one set-up link that creates the first admin once', async () => {
    const { logger, lines } = capturingLogger()
    t = await createTestApp(
      kind,
      { ADMIN_TOKEN: '', PUBLIC_URL: 'https://kyc.example.test/' },
      { logger },
    )
    await bootstrap(t.ctx)
    const linkLines = lines.filter((line) => line.includes('token='))
    expect(linkLines).toHaveLength(1)
    const token = /https:\/\/kyc\.example\.test\/setup\?token=([A-Za-z0-9_-]+)/.exec(
      linkLines[0]!,
    )?.[1]
    expect(token).toBeDefined()
    const request = () => supertest(t.app)
    expect((await request().get('/api/auth/setup').expect(200)).body).toEqual({
      data: { needsSetup: true },
    })

    const body = {
      token: token!,
      email: 'Owner@Example.test',
      name: 'Owner',
      password: 'owner password 123',
    }
    const wrongToken = await request()
      .post('/api/auth/setup')
      .send({ ...body, token: 'nope' })
      .expect(400)
    expect(wrongToken.body.errors[0]).toMatchObject({ code: 'SETUP_TOKEN_INVALID', path: '/token' })
    const weak = await request()
      .post('/api/auth/setup')
      .send({ ...body, password: 'short' })
      .expect(400)
    expect(weak.body.errors[0]).toMatchObject({ code: 'PASSWORD_TOO_WEAK', path: '/password' })

    // Two people racing with the same link: one wins.
    const [a, b] = await Promise.all([
      request().post('/api/auth/setup').send(body),
      request()
        .post('/api/auth/setup')
        .send({ ...body, email: 'other@example.test' }),
    ])
    const statuses = [a.status, b.status].sort()
    expect(statuses[0]).toBe(201)
    expect([400, 409]).toContain(statuses[1])
    const winner = a.status === 201 ? a : b
    expect(winner.body.data.user).toMatchObject({ role: 'admin' })
    expect(winner.body.data.csrfToken).toEqual(expect.any(String))
    const cookie = sessionSetCookie(winner.headers['set-cookie']).split(';')[0]!
    const me = await request().get('/api/auth/me').set('Cookie', cookie).expect(200)
    expect(me.body.data.user.role).toBe('admin')

    const again = await request().post('/api/auth/setup').send(body).expect(409)
    expect(again.body.errors[0].code).toBe('SETUP_DONE')
    expect((await request().get('/api/auth/setup').expect(200)).body.data.needsSetup).toBe(false)
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toHaveLength(1)
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'summary']).execute()
    expect(audit.map((e) => e.action)).toContain('setup.completed')
    expect(JSON.stringify(audit)).not.toContain(token)

    // A restart once set up prints nothing more.
    await bootstrap(t.ctx)
    expect(lines.filter((line) => line.includes('token='))).toHaveLength(1)
  })

  it('an expired set-up link does nothing', async () => {
    const { logger, lines } = capturingLogger()
    t = await createTestApp(kind, { ADMIN_TOKEN: '' }, { logger })
    await bootstrap(t.ctx)
    const token = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(lines.join('\n'))![1]!
    expect(lines.join('\n')).toContain('http://localhost:3000/setup?token=')
    await t.ctx.db
      .updateTable('one_time_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute()
    const res = await supertest(t.app)
      .post('/api/auth/setup')
      .send({ token, email: 'owner@example.test', name: 'Owner', password: 'owner password 123' })
      .expect(400)
    expect(res.body.errors[0].code).toBe('SETUP_TOKEN_INVALID')
  })
})
