import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import { APP_SETTINGS_DEFAULTS } from './app-settings.service.ts'

describe.each(DATABASE_KINDS)('/api/settings/app on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('shows the defaults to anyone signed in; admins change them partially, audited', async () => {
    t = await createTestApp(kind)
    const reviewer = await createUserWithKey(t, 'reviewer')
    const initial = await t.request.get('/api/settings/app').set(reviewer.auth)
    expect(initial.status).toBe(200)
    expect(initial.body.data).toEqual({ ...APP_SETTINGS_DEFAULTS, updatedAt: null })
    expect((await t.request.get('/api/settings/app')).status).toBe(401)
    expect(
      (await t.request.put('/api/settings/app').set(reviewer.auth).send({ fourEyes: true })).status,
    ).toBe(403)

    const put = await t.request
      .put('/api/settings/app')
      .set(t.admin)
      .send({ fourEyes: true, reasonTemplates: { rejected: ['Forged document'] } })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    expect(put.body.data).toMatchObject({
      fourEyes: true,
      sessionTtlMinutesDefault: 15,
      reasonTemplates: {
        rejected: ['Forged document'],
        resubmission_requested: APP_SETTINGS_DEFAULTS.reasonTemplates.resubmission_requested,
      },
    })
    expect(put.body.data.updatedAt).toEqual(expect.any(String))
    const ttl = await t.request
      .put('/api/settings/app')
      .set(t.admin)
      .send({ sessionTtlMinutesDefault: 60 })
    expect(ttl.body.data).toMatchObject({ fourEyes: true, sessionTtlMinutesDefault: 60 })
    const unchanged = await t.request.put('/api/settings/app').set(t.admin).send({ fourEyes: true })
    expect(unchanged.status).toBe(200)

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'app_settings.updated')
      .orderBy('id')
      .execute()
    expect(audit).toHaveLength(2)
    expect(audit[0]!.summary).toMatchObject({ fourEyes: { from: false, to: true } })
    expect(audit[1]!.summary).toEqual({ sessionTtlMinutesDefault: { from: 15, to: 60 } })
  })

  it('validates what it stores', async () => {
    t = await createTestApp(kind)
    for (const [body, path] of [
      [{}, ''],
      [{ sessionTtlMinutesDefault: 0 }, '/sessionTtlMinutesDefault'],
      [{ reasonTemplates: { approved: [''] } }, '/reasonTemplates/approved/0'],
      [{ reasonTemplates: { other: [] } }, '/reasonTemplates'],
      [{ fourEyes: 'yes' }, '/fourEyes'],
    ] as const) {
      const res = await t.request.put('/api/settings/app').set(t.admin).send(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors[0].path, JSON.stringify(res.body)).toMatch(new RegExp(`^${path}`))
    }
  })
})
