import supertest from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { sessionSetCookie, signIn } from '../../../test/support/users.ts'

const NEW_PASSWORD = 'invited user password 7'

function tokenOf(inviteUrl: string): string {
  return new URL(inviteUrl).searchParams.get('token')!
}

describe.each(DATABASE_KINDS)('invitations on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  async function invite(email: string) {
    const res = await t.request
      .post('/api/users')
      .set(t.admin)
      .send({ email, name: 'Invited', role: 'reviewer' })
      .expect(201)
    return res.body.data as {
      user: { id: string; status: string }
      inviteUrl: string
      inviteExpiresAt: string
    }
  }

  it('a user created without a password sets it once with the link, and is signed in', async () => {
    t = await createTestApp(kind)
    const created = await invite('new@example.test')
    expect(created.user.status).toBe('invited')
    expect(created.inviteUrl).toMatch(
      /^http:\/\/localhost:3000\/accept-invite\?token=[A-Za-z0-9_-]{43}$/,
    )
    expect(new Date(created.inviteExpiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000)
    const token = tokenOf(created.inviteUrl)
    // No password yet: nobody can sign in as this user.
    await supertest(t.app)
      .post('/api/auth/login')
      .send({ email: 'new@example.test', password: 'anything at all' })
      .expect(401)
    // The link is shown once: the user list does not carry it.
    const list = await t.request.get('/api/users').set(t.admin).expect(200)
    expect(JSON.stringify(list.body)).not.toContain(token)

    const weak = await supertest(t.app)
      .post('/api/auth/accept-invite')
      .send({ token, password: 'short' })
      .expect(400)
    expect(weak.body.errors[0]).toMatchObject({ code: 'PASSWORD_TOO_WEAK', path: '/password' })
    const accepted = await supertest(t.app)
      .post('/api/auth/accept-invite')
      .send({ token, password: NEW_PASSWORD })
      .expect(200)
    expect(accepted.body.data.user).toMatchObject({ id: created.user.id, role: 'reviewer' })
    const cookie = sessionSetCookie(accepted.headers['set-cookie']).split(';')[0]!
    await supertest(t.app).get('/api/auth/me').set('Cookie', cookie).expect(200)

    const reused = await supertest(t.app)
      .post('/api/auth/accept-invite')
      .send({ token, password: 'another password 99' })
      .expect(400)
    expect(reused.body.errors[0]).toMatchObject({ code: 'INVITE_TOKEN_INVALID', path: '/token' })
    await signIn(t, 'new@example.test', NEW_PASSWORD)
    const user = await t.request.get('/api/users').set(t.admin).expect(200)
    expect(user.body.data.find((u: { id: string }) => u.id === created.user.id).status).toBe(
      'active',
    )
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').execute()).map(
      (e) => e.action,
    )
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.invite_accepted']))
  })

  it('expired links, links of deactivated users and replaced links do not work', async () => {
    t = await createTestApp(kind)
    const expired = await invite('expired@example.test')
    await t.ctx.db
      .updateTable('one_time_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', expired.user.id)
      .execute()
    const accept = (url: string) =>
      supertest(t.app)
        .post('/api/auth/accept-invite')
        .send({ token: tokenOf(url), password: NEW_PASSWORD })
    expect((await accept(expired.inviteUrl)).body.errors[0].code).toBe('INVITE_TOKEN_INVALID')

    const deactivated = await invite('gone@example.test')
    await t.request.delete(`/api/users/${deactivated.user.id}`).set(t.admin).expect(200)
    expect((await accept(deactivated.inviteUrl)).status).toBe(400)
    const reinviteDeactivated = await t.request
      .post(`/api/users/${deactivated.user.id}/invite`)
      .set(t.admin)
      .expect(409)
    expect(reinviteDeactivated.body.errors[0].code).toBe('USER_DEACTIVATED')

    // A new link for the expired invitation; the old one stays dead.
    const renewed = await t.request
      .post(`/api/users/${expired.user.id}/invite`)
      .set(t.admin)
      .expect(201)
    expect(renewed.headers['cache-control']).toBe('no-store')
    const first = await invite('twice@example.test')
    const second = await t.request
      .post(`/api/users/${first.user.id}/invite`)
      .set(t.admin)
      .expect(201)
    expect((await accept(first.inviteUrl)).status).toBe(400)
    expect((await accept(second.body.data.inviteUrl)).status).toBe(200)
    expect((await accept(renewed.body.data.inviteUrl)).status).toBe(200)
  })
})
