import supertest from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import {
  TEST_PASSWORD,
  createUser,
  createUserWithKey,
  signIn,
} from '../../../test/support/users.ts'

describe.each(DATABASE_KINDS)('users admin on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('creates, lists, renames and deactivates users, never showing a password hash', async () => {
    t = await createTestApp(kind)
    const created = await t.request
      .post('/api/users')
      .set(t.admin)
      .send({ email: 'Ana@Example.test', name: 'Ana', role: 'designer', password: TEST_PASSWORD })
      .expect(201)
    const user = created.body.data.user
    expect(created.body.data).toEqual({
      user: {
        id: expect.any(String),
        email: 'ana@example.test',
        name: 'Ana',
        role: 'designer',
        status: 'active',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        deactivatedAt: null,
      },
    })
    const renamed = await t.request
      .patch(`/api/users/${user.id}`)
      .set(t.admin)
      .send({ name: 'Ana Lima', role: 'reviewer' })
      .expect(200)
    expect(renamed.body.data).toMatchObject({ name: 'Ana Lima', role: 'reviewer' })
    const gone = await t.request.delete(`/api/users/${user.id}`).set(t.admin).expect(200)
    expect(gone.body.data).toMatchObject({
      status: 'deactivated',
      deactivatedAt: expect.any(String),
    })
    // Deactivating twice is harmless; reactivating works.
    await t.request.delete(`/api/users/${user.id}`).set(t.admin).expect(200)
    const back = await t.request
      .patch(`/api/users/${user.id}`)
      .set(t.admin)
      .send({ active: true })
      .expect(200)
    expect(back.body.data).toMatchObject({ status: 'active', deactivatedAt: null })
    await signIn(t, 'ana@example.test')

    const list = await t.request.get('/api/users').set(t.admin).expect(200)
    expect(list.body.data).toHaveLength(1)
    expect(list.body.nextCursor).toBeUndefined()
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/i)

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .orderBy('id')
      .execute()
    expect(audit.map((e) => e.action)).toEqual([
      'user.created',
      'user.updated',
      'user.deactivated',
      'user.updated',
      'auth.login',
    ])
    expect(audit[1]!.summary).toEqual({
      email: 'ana@example.test',
      changes: {
        name: { from: 'Ana', to: 'Ana Lima' },
        role: { from: 'designer', to: 'reviewer' },
      },
    })
    expect(JSON.stringify(audit)).not.toContain(TEST_PASSWORD)
  })

  it('pages through users with a cursor', async () => {
    t = await createTestApp(kind)
    for (let i = 0; i < 3; i++) await createUser(t, 'developer')
    const first = await t.request.get('/api/users?limit=2').set(t.admin).expect(200)
    expect(first.body.data).toHaveLength(2)
    const second = await t.request
      .get(`/api/users?limit=2&cursor=${first.body.nextCursor}`)
      .set(t.admin)
      .expect(200)
    expect(second.body.data).toHaveLength(1)
    expect(second.body.nextCursor).toBeUndefined()
    const emails = [...first.body.data, ...second.body.data].map((u: { email: string }) => u.email)
    expect(emails).toEqual([...emails].sort())
    expect(new Set(emails).size).toBe(3)
    const bad = await t.request.get('/api/users?cursor=garbage').set(t.admin).expect(400)
    expect(bad.body.errors[0].code).toBe('INVALID_CURSOR')
  })

  it('answers bad input with codes and paths, never a 500', async () => {
    t = await createTestApp(kind)
    const dup = await createUser(t, 'designer')
    const taken = await t.request
      .post('/api/users')
      .set(t.admin)
      .send({ email: dup.email.toUpperCase(), name: 'Again', role: 'designer' })
      .expect(409)
    expect(taken.body.errors[0].code).toBe('EMAIL_TAKEN')
    const invalid = await t.request
      .post('/api/users')
      .set(t.admin)
      .send({ email: 'not-an-email', name: '', role: 'owner', extra: 1 })
      .expect(400)
    const paths = invalid.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['/email', '/name', '/role', '/extra']))
    const weak = await t.request
      .post('/api/users')
      .set(t.admin)
      .send({ email: 'w@example.test', name: 'W', role: 'designer', password: 'short' })
      .expect(400)
    expect(weak.body.errors[0]).toMatchObject({ code: 'PASSWORD_TOO_WEAK', path: '/password' })
    await t.request.patch(`/api/users/${dup.id}`).set(t.admin).send({}).expect(400)
    const notUuid = await t.request.patch('/api/users/abc').set(t.admin).send({ name: 'x' })
    expect(notUuid.status).toBe(404)
    await t.request
      .delete('/api/users/00000000-0000-4000-8000-000000000000')
      .set(t.admin)
      .expect(404)
  })

  it('deactivating a user stops their session and their API key at once', async () => {
    t = await createTestApp(kind)
    const user = await createUserWithKey(t, 'designer')
    // Both credentials are resolved (and cached) before the change.
    await user.session.agent.get('/api/auth/me').expect(200)
    await supertest(t.app).get('/api/auth/me').set(user.auth).expect(200)

    await t.request.delete(`/api/users/${user.id}`).set(t.admin).expect(200)
    await user.session.agent.get('/api/auth/me').expect(401)
    const byKey = await supertest(t.app).get('/api/auth/me').set(user.auth).expect(401)
    expect(['ACCOUNT_DEACTIVATED', 'INVALID_CREDENTIALS']).toContain(byKey.body.errors[0].code)
    // Reactivating the user does not bring the old key back: it was revoked.
    await t.request.patch(`/api/users/${user.id}`).set(t.admin).send({ active: true }).expect(200)
    await supertest(t.app).get('/api/auth/me').set(user.auth).expect(401)
    const sessions = await t.ctx.db
      .selectFrom('auth_sessions')
      .select('user_id')
      .where('user_id', '=', user.id)
      .execute()
    expect(sessions).toEqual([])
  })

  it('a role change applies to the user’s existing key and session at once', async () => {
    t = await createTestApp(kind)
    await createUser(t, 'admin') // so the demoted admin is not the last one
    const admin = await createUserWithKey(t, 'admin')
    await supertest(t.app).get('/api/users').set(admin.auth).expect(200)
    await admin.session.agent.get('/api/users').expect(200)

    await t.request
      .patch(`/api/users/${admin.id}`)
      .set(t.admin)
      .send({ role: 'designer' })
      .expect(200)
    const byKey = await supertest(t.app).get('/api/users').set(admin.auth).expect(403)
    expect(byKey.body.errors[0].code).toBe('FORBIDDEN')
    await admin.session.agent.get('/api/users').expect(403)
    const me = await admin.session.agent.get('/api/auth/me').expect(200)
    expect(me.body.data.user.role).toBe('designer')
    // Promotion never widens an existing key beyond the scopes it was made with.
    await t.request.patch(`/api/users/${admin.id}`).set(t.admin).send({ role: 'admin' }).expect(200)
    await supertest(t.app).get('/api/users').set(admin.auth).expect(200)
  })

  it('nobody can demote or deactivate the last active admin', async () => {
    t = await createTestApp(kind)
    const only = await createUserWithKey(t, 'admin')
    for (const change of [{ role: 'designer' }, { active: false }]) {
      const res = await t.request
        .patch(`/api/users/${only.id}`)
        .set(t.admin)
        .send(change)
        .expect(409)
      expect(res.body.errors[0].code).toBe('LAST_ADMIN')
    }
    const self = await supertest(t.app).delete(`/api/users/${only.id}`).set(only.auth).expect(409)
    expect(self.body.errors[0].code).toBe('LAST_ADMIN')
    // A deactivated admin does not count as another admin.
    const dormant = await createUser(t, 'admin')
    await t.request.delete(`/api/users/${dormant.id}`).set(t.admin).expect(200)
    await t.request
      .patch(`/api/users/${only.id}`)
      .set(t.admin)
      .send({ role: 'designer' })
      .expect(409)
    // Renaming the last admin is fine.
    await t.request.patch(`/api/users/${only.id}`).set(t.admin).send({ name: 'Root' }).expect(200)
  })

  it('two admins demoting each other at the same moment leave one admin', async () => {
    t = await createTestApp(kind)
    const a = await createUser(t, 'admin')
    const b = await createUser(t, 'admin')
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([
        t.request.patch(`/api/users/${a.id}`).set(t.admin).send({ role: 'reviewer' }),
        t.request.delete(`/api/users/${b.id}`).set(t.admin),
      ])
      expect(results.map((r) => r.status).sort()).toEqual([200, 409])
      const admins = await t.ctx.db
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', true)
        .execute()
      expect(admins).toHaveLength(1)
      // Restore both for the next round.
      await t.request.patch(`/api/users/${a.id}`).set(t.admin).send({ role: 'admin', active: true })
      await t.request.patch(`/api/users/${b.id}`).set(t.admin).send({ role: 'admin', active: true })
    }
  })
})
