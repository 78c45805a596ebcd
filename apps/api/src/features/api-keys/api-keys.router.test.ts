import supertest from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import pino from 'pino'
import { createApp } from '../../app.ts'
import { permissionsOf } from '../../common/auth/permissions.ts'
import { createContext } from '../../common/context.ts'
import { createTestApp, TEST_PASSWORD_COST, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey, eventually } from '../../../test/support/users.ts'

describe.each(DATABASE_KINDS)('API keys on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('shows a key once, stores only its hash, lists it without secrets and records its use', async () => {
    t = await createTestApp(kind)
    const dev = await createUserWithKey(t, 'developer')
    expect(dev.key).toMatch(/^vfk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/)
    const secret = dev.key.slice(37)
    const row = await t.ctx.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain(secret)
    expect(row.prefix).toBe(dev.key.slice(0, 12))

    await supertest(t.app).get('/api/auth/me').set(dev.auth).expect(200)
    await eventually(async () => {
      const list = await supertest(t.app).get('/api/api-keys').set(dev.auth).expect(200)
      expect(list.body.data).toEqual([
        {
          id: dev.keyId,
          name: 'developer key',
          prefix: dev.key.slice(0, 12),
          scopes: permissionsOf('developer'),
          createdAt: expect.any(String),
          lastUsedAt: expect.any(String),
          revokedAt: null,
        },
      ])
    })
    const list = await supertest(t.app).get('/api/api-keys').set(dev.auth)
    expect(JSON.stringify(list.body)).not.toContain(secret)
    expect(JSON.stringify(list.body)).not.toContain(row.secret_hash)
  })

  it('keeps scopes within the caller’s role, and a key cannot mint a stronger key', async () => {
    t = await createTestApp(kind)
    const reviewer = await createUserWithKey(t, 'reviewer')
    const refused = await reviewer.session.agent
      .post('/api/api-keys')
      .set(reviewer.session.csrf)
      .send({ name: 'too much', scopes: ['sessions:read', 'flows:write'] })
      .expect(400)
    expect(refused.body.errors[0]).toMatchObject({ code: 'SCOPE_NOT_ALLOWED', path: '/scopes/1' })
    const unknown = await supertest(t.app)
      .post('/api/api-keys')
      .set(reviewer.auth)
      .send({ name: 'x', scopes: ['root'] })
      .expect(400)
    expect(unknown.body.errors[0].path).toBe('/scopes/0')

    const narrow = await supertest(t.app)
      .post('/api/api-keys')
      .set(reviewer.auth)
      .send({ name: 'read only', scopes: ['keys:own', 'flows:read'] })
      .expect(201)
    expect(narrow.body.data.scopes).toEqual(['flows:read', 'keys:own'])
    const narrowAuth = { Authorization: `Bearer ${narrow.body.data.key}` }
    const escalate = await supertest(t.app)
      .post('/api/api-keys')
      .set(narrowAuth)
      .send({ name: 'wider', scopes: ['sessions:decide'] })
      .expect(400)
    expect(escalate.body.errors[0].code).toBe('SCOPE_NOT_ALLOWED')
    const inherited = await supertest(t.app)
      .post('/api/api-keys')
      .set(narrowAuth)
      .send({ name: 'default' })
      .expect(201)
    expect(inherited.body.data.scopes).toEqual(['flows:read', 'keys:own'])
  })

  it('a revoked key is refused at once; only your own keys can be revoked', async () => {
    t = await createTestApp(kind)
    const owner = await createUserWithKey(t, 'designer')
    const stranger = await createUserWithKey(t, 'admin')
    await supertest(t.app).get('/api/auth/me').set(owner.auth).expect(200)

    await supertest(t.app).delete(`/api/api-keys/${owner.keyId}`).set(stranger.auth).expect(404)
    await supertest(t.app).delete('/api/api-keys/not-a-uuid').set(stranger.auth).expect(404)
    const revoked = await owner.session.agent
      .delete(`/api/api-keys/${owner.keyId}`)
      .set(owner.session.csrf)
      .expect(200)
    expect(revoked.body.data.revokedAt).toEqual(expect.any(String))
    const refused = await supertest(t.app).get('/api/auth/me').set(owner.auth).expect(401)
    expect(refused.body.errors[0].code).toBe('INVALID_CREDENTIALS')
    // Revoking again changes nothing and is not audited twice.
    await owner.session.agent
      .delete(`/api/api-keys/${owner.keyId}`)
      .set(owner.session.csrf)
      .expect(200)
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', 'like', 'api_key.%')
      .execute()
    expect(audit.map((e) => e.action).sort()).toEqual([
      'api_key.created',
      'api_key.created',
      'api_key.revoked',
    ])
    expect(JSON.stringify(audit)).not.toContain(owner.key.slice(37))
  })

  it('the ADMIN_TOKEN is no user: it owns no keys and cannot create one', async () => {
    t = await createTestApp(kind)
    const res = await t.request.post('/api/api-keys').set(t.admin).send({ name: 'x' }).expect(403)
    expect(res.body.errors[0].code).toBe('USER_REQUIRED')
    expect((await t.request.get('/api/api-keys').set(t.admin).expect(200)).body).toEqual({
      data: [],
    })
    await t.request
      .delete('/api/api-keys/00000000-0000-4000-8000-000000000000')
      .set(t.admin)
      .expect(404)
  })

  it('a revocation reaches another instance sharing the database', async () => {
    t = await createTestApp(kind)
    const user = await createUserWithKey(t, 'developer')
    const other = await createContext(t.config, t.database, {
      logger: pino({ level: 'silent' }),
      passwordCost: TEST_PASSWORD_COST,
    })
    try {
      const otherApp = createApp(other)
      await supertest(otherApp).get('/api/auth/me').set(user.auth).expect(200) // now cached there
      await supertest(t.app).delete(`/api/api-keys/${user.keyId}`).set(user.auth).expect(200)
      await eventually(async () => {
        await supertest(otherApp).get('/api/auth/me').set(user.auth).expect(401)
      })
    } finally {
      await other.close()
    }
  })
})
