import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import {
  JPEG,
  completeSandboxSession,
  launchSandbox,
  publishedFlow,
} from './sessions.test-helpers.ts'

describe.each(DATABASE_KINDS)('one session for review on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('shows the timeline, answers with why each question was shown, media and results', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const { sessionId, token } = await launchSandbox(t, flowId)
    await completeSandboxSession(t, sessionId, token)
    const reviewer = await createUserWithKey(t, 'reviewer')
    const res = await t.request.get(`/api/sessions/${sessionId}?lang=ka`).set(reviewer.auth)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.headers['cache-control']).toBe('private, no-store')
    const detail = res.body.data
    expect(detail).toMatchObject({
      id: sessionId,
      flow: { id: flowId, name: 'Sandbox KYC', version: 1 },
      target: 'sandbox',
      isTest: false,
      status: 'completed',
      outcome: 'review_needed',
      decision: null,
      pendingDecision: null,
      language: 'ka',
      result: { verified: false },
      rawResult: null,
    })
    expect(detail.timeline.map((e: { type: string }) => e.type)).toContain('otp.sent')
    expect(detail.timeline.find((e: { type: string }) => e.type === 'otp.sent').data.code).toMatch(
      /^\d{6}$/,
    )
    const form = detail.steps.find((s: { stepId: string }) => s.stepId === 's_form')
    expect(form).toMatchObject({ title: 'სახსრები', collected: true })
    expect(form.questions).toEqual([
      expect.objectContaining({
        questionId: 'q_emp',
        title: 'დასაქმება',
        shown: true,
        explanation: 'always shown',
        answer: 'o_oth',
        answerText: 'სხვა',
      }),
      expect.objectContaining({
        questionId: 'q_employer',
        shown: false,
        explanation: 'hidden because დასაქმება = დასაქმებული does not hold',
        answer: null,
      }),
      expect.objectContaining({ questionId: 'q_note', shown: true, answer: '=cmd|calc' }),
    ])
    const english = await t.request.get(`/api/sessions/${sessionId}`).set(reviewer.auth)
    const q = english.body.data.steps[1].questions[1]
    expect(q.explanation).toBe('hidden because Employment = Employed does not hold')
    const mail = detail.steps.find((s: { stepId: string }) => s.stepId === 's_mail')
    expect(mail.contact).toEqual({ channel: 'email', value: 'person@example.com', verified: true })
    const ops = detail.steps.find((s: { stepId: string }) => s.stepId === 's_ops')
    expect(ops).toMatchObject({ type: 'operator-questionnaire', collected: false })
    expect(detail.media).toEqual([
      expect.objectContaining({
        stepId: 's_doc',
        kind: 'document_front',
        contentType: 'image/jpeg',
        size: JPEG.length,
      }),
    ])
    expect(JSON.stringify(detail)).not.toContain('data_sealed')
    const missing = await t.request
      .get('/api/sessions/00000000-0000-0000-0000-000000000000')
      .set(reviewer.auth)
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].code).toBe('SESSION_NOT_FOUND')
  })

  it('streams a capture decrypted to readers of sessions only, never cached', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const { sessionId, token } = await launchSandbox(t, flowId)
    await completeSandboxSession(t, sessionId, token)
    const media = await t.ctx.db.selectFrom('session_media').select('id').executeTakeFirstOrThrow()
    const url = `/api/sessions/${sessionId}/media/${media.id}`
    const reviewer = await createUserWithKey(t, 'reviewer')
    const ok = await t.request.get(url).set(reviewer.auth).buffer(true)
    expect(ok.status).toBe(200)
    expect(ok.headers['content-type']).toBe('image/jpeg')
    expect(ok.headers['cache-control']).toBe('private, no-store')
    expect(Buffer.compare(ok.body as Buffer, JPEG)).toBe(0)
    const developer = await createUserWithKey(t, 'developer')
    expect((await t.request.get(url).set(developer.auth)).status).toBe(403)
    expect((await t.request.get(url)).status).toBe(401)
    const other = await launchSandbox(t, flowId)
    const elsewhere = await t.request
      .get(`/api/sessions/${other.sessionId}/media/${media.id}`)
      .set(reviewer.auth)
    expect(elsewhere.status).toBe(404)
  })

  it('saves the operator questionnaire, checked with the shared conditions, audited', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const { sessionId, token } = await launchSandbox(t, flowId)
    await completeSandboxSession(t, sessionId, token)
    const reviewer = await createUserWithKey(t, 'reviewer')
    const url = `/api/sessions/${sessionId}/operator-answers`
    const missing = await t.request
      .put(url)
      .set(reviewer.auth)
      .send({ answers: { s_ops: {} } })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0]).toMatchObject({
      path: '/answers/s_ops/q_ok',
      code: 'ANSWER_REQUIRED',
    })
    const wrongStep = await t.request
      .put(url)
      .set(reviewer.auth)
      .send({ answers: { s_form: {} } })
    expect(wrongStep.body.errors[0]).toMatchObject({
      path: '/answers/s_form',
      code: 'OPERATOR_STEP_NOT_FOUND',
    })
    const saved = await t.request
      .put(url)
      .set(reviewer.auth)
      .send({ answers: { s_ops: { q_ok: 'o_no' } } })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.data).toEqual({ s_ops: { q_ok: 'o_no' } })
    const detail = await t.request.get(`/api/sessions/${sessionId}`).set(reviewer.auth)
    const ops = detail.body.data.steps.find((s: { stepId: string }) => s.stepId === 's_ops')
    expect(ops.questions[0]).toMatchObject({ answer: 'o_no', answerText: 'No', shown: true })
    expect(detail.body.data.timeline.at(-1)).toMatchObject({ type: 'operator_answers.saved' })
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'session.operator_answers_saved')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: reviewer.keyId, target_id: sessionId })
  })
})
