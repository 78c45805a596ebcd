import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import {
  completeSandboxSession,
  launchSandbox,
  outboxOf,
  publishedFlow,
  subscribeWebhook,
} from './sessions.test-helpers.ts'

describe.each(DATABASE_KINDS)('decisions on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  async function completedSession(): Promise<string> {
    const flowId = await publishedFlow(t)
    const { sessionId, token } = await launchSandbox(t, flowId)
    await completeSandboxSession(t, sessionId, token)
    return sessionId
  }

  const decide = (id: string, auth: Record<string, string>, body: object) =>
    t.request.post(`/api/sessions/${id}/decision`).set(auth).send(body)
  const confirm = (id: string, auth: Record<string, string>) =>
    t.request.post(`/api/sessions/${id}/decision/confirm`).set(auth).send({})

  it('needs a reason to reject, decides once, and lets only an admin override', async () => {
    t = await createTestApp(kind)
    await subscribeWebhook(t)
    const id = await completedSession()
    const reviewer = await createUserWithKey(t, 'reviewer')
    for (const decision of ['rejected', 'resubmission_requested']) {
      const res = await decide(id, reviewer.auth, { decision, reason: '   ' })
      expect(res.status).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'REASON_REQUIRED', path: '/reason' })
    }
    const rejected = await decide(id, reviewer.auth, {
      decision: 'rejected',
      reason: 'The face does not match',
    })
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200)
    expect(rejected.body.data).toMatchObject({
      sessionId: id,
      decision: 'rejected',
      reason: 'The face does not match',
      decidedBy: expect.stringContaining(reviewer.email),
      pendingDecision: null,
    })
    const again = await decide(id, reviewer.auth, { decision: 'approved' })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].code).toBe('ALREADY_DECIDED')
    const notAdmin = await decide(id, reviewer.auth, { decision: 'approved', override: true })
    expect(notAdmin.status).toBe(403)
    expect(notAdmin.body.errors[0].code).toBe('OVERRIDE_ADMIN_ONLY')
    const overridden = await decide(id, t.admin, { decision: 'approved', override: true })
    expect(overridden.status).toBe(200)
    expect(overridden.body.data.decision).toBe('approved')

    const decided = await outboxOf(t, 'session.decided', id)
    expect(decided.map((d) => (d.payload.data as { decision: string }).decision)).toEqual([
      'rejected',
      'approved',
    ])
    expect(await outboxOf(t, 'session.completed', id)).toHaveLength(1)
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'session.launched',
      'session.decided',
      'session.decided',
    ])
    const timeline = await t.ctx.db
      .selectFrom('session_events')
      .select(['type', 'data'])
      .where('session_id', '=', id)
      .where('type', '=', 'decision.made')
      .orderBy('id')
      .execute()
    expect(timeline.map((e) => e.data)).toEqual([
      expect.objectContaining({ decision: 'rejected', reason: 'The face does not match' }),
      expect.objectContaining({ decision: 'approved', previous: 'rejected' }),
    ])
  })

  it('refuses to decide a session the person has not finished', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const { sessionId } = await launchSandbox(t, flowId)
    const res = await decide(sessionId, t.admin, { decision: 'approved' })
    expect(res.status).toBe(409)
    expect(res.body.errors[0].code).toBe('SESSION_NOT_FINISHED')
  })

  it('with four-eyes, keeps a decision pending until a different reviewer confirms it', async () => {
    t = await createTestApp(kind)
    await subscribeWebhook(t)
    const on = await t.request.put('/api/settings/app').set(t.admin).send({ fourEyes: true })
    expect(on.body.data.fourEyes).toBe(true)
    const id = await completedSession()
    const first = await createUserWithKey(t, 'reviewer')
    const second = await createUserWithKey(t, 'reviewer')

    const proposed = await decide(id, first.auth, {
      decision: 'rejected',
      reason: 'Document expired',
    })
    expect(proposed.status).toBe(200)
    expect(proposed.body.data).toMatchObject({
      decision: null,
      pendingDecision: {
        decision: 'rejected',
        reason: 'Document expired',
        proposedBy: { userId: first.id, label: expect.stringContaining(first.email) },
      },
    })
    expect(await outboxOf(t, 'session.decided', id)).toHaveLength(0)

    const self = await confirm(id, first.auth)
    expect(self.status).toBe(403)
    expect(self.body.errors[0].code).toBe('FOUR_EYES_SAME_REVIEWER')
    // The same person through their console session is still the same reviewer.
    const viaCookie = await first.session.agent
      .post(`/api/sessions/${id}/decision/confirm`)
      .set(first.session.csrf)
      .send({})
    expect(viaCookie.body.errors[0].code).toBe('FOUR_EYES_SAME_REVIEWER')

    const confirmed = await confirm(id, second.auth)
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200)
    expect(confirmed.body.data).toMatchObject({
      decision: 'rejected',
      reason: 'Document expired',
      pendingDecision: null,
    })
    const row = await t.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.decided_by).toBe(first.id)
    const decided = await outboxOf(t, 'session.decided', id)
    expect(decided).toHaveLength(1)
    expect(decided[0]!.payload.data).toMatchObject({
      decision: 'rejected',
      decidedBy: expect.stringContaining(first.email),
      confirmedBy: expect.stringContaining(second.email),
    })
    const twice = await confirm(id, second.auth)
    expect(twice.status).toBe(409)
    expect(twice.body.errors[0].code).toBe('NO_PENDING_DECISION')
    const types = await t.ctx.db
      .selectFrom('session_events')
      .select('type')
      .where('session_id', '=', id)
      .where('type', 'like', 'decision.%')
      .orderBy('id')
      .execute()
    expect(types.map((e) => e.type)).toEqual(['decision.proposed', 'decision.made'])
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('target_id', '=', id)
      .orderBy('id')
      .execute()
    expect(audit.slice(1)).toEqual([
      { action: 'session.decision_proposed', actor_id: first.keyId },
      { action: 'session.decision_confirmed', actor_id: second.keyId },
    ])
  })

  it('does not let the ADMIN_TOKEN confirm its own proposal', async () => {
    t = await createTestApp(kind)
    await t.request.put('/api/settings/app').set(t.admin).send({ fourEyes: true })
    const id = await completedSession()
    expect((await decide(id, t.admin, { decision: 'approved' })).status).toBe(200)
    const self = await confirm(id, t.admin)
    expect(self.status).toBe(403)
    expect(self.body.errors[0].code).toBe('FOUR_EYES_SAME_REVIEWER')
    const reviewer = await createUserWithKey(t, 'reviewer')
    expect((await confirm(id, reviewer.auth)).body.data.decision).toBe('approved')
  })
})
