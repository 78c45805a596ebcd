import { afterEach, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../../common/auth/principal.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { recordAudit } from './audit.repository.ts'

describe.each(DATABASE_KINDS)('GET /api/audit on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('pages through entries written in the same instant exactly once, newest first', async () => {
    t = await createTestApp(kind)
    // One transaction: every entry gets the same now() timestamp.
    await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 7; i++)
        await recordAudit(trx, SYSTEM_ACTOR, {
          action: 'test.entry',
          targetType: 'test',
          targetId: String(i),
        })
    })
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const res = await t.request
        .get('/api/audit')
        .query({ action: 'test.entry', limit: 3, ...(cursor ? { cursor } : {}) })
        .set(t.admin)
        .expect(200)
      seen.push(...res.body.data.map((e: { target: { id: string } }) => e.target.id))
      cursor = res.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(['6', '5', '4', '3', '2', '1', '0'])
  })

  it('filters by actor, action, target and date range, and rejects a forged cursor', async () => {
    t = await createTestApp(kind)
    await recordAudit(
      t.ctx.db,
      { ...SYSTEM_ACTOR, label: 'ana@example.test', id: 'u1' },
      { action: 'flow.published', targetType: 'flow', targetId: 'f1' },
    )
    await recordAudit(
      t.ctx.db,
      { ...SYSTEM_ACTOR, label: 'bo@example.test', id: 'u2' },
      { action: 'user.created', targetType: 'user', targetId: 'u9' },
    )
    const byActor = await t.request.get('/api/audit?actor=ana').set(t.admin).expect(200)
    expect(byActor.body.data.map((e: { action: string }) => e.action)).toEqual(['flow.published'])
    const byTarget = await t.request
      .get('/api/audit?targetType=user&targetId=u9')
      .set(t.admin)
      .expect(200)
    expect(byTarget.body.data).toHaveLength(1)
    const future = await t.request
      .get('/api/audit')
      .query({ from: new Date(Date.now() + 3600_000).toISOString() })
      .set(t.admin)
      .expect(200)
    expect(future.body.data).toEqual([])
    const forged = Buffer.from(JSON.stringify(['1; drop table audit_log'])).toString('base64url')
    const bad = await t.request.get(`/api/audit?cursor=${forged}`).set(t.admin).expect(400)
    expect(bad.body.errors[0]).toMatchObject({ code: 'INVALID_CURSOR', path: '/query/cursor' })
  })
})
