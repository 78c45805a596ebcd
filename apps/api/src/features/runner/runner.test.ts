import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUser, signIn } from '../../../test/support/users.ts'
import {
  JPEG,
  PNG,
  RunnerClient,
  lastOtpCode,
  launchSandbox,
  outboxOf,
  publishedFlow,
  subscribeWebhook,
} from '../sessions/sessions.test-helpers.ts'

describe.each(DATABASE_KINDS)('the sandbox runner API on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  const sessionRow = (id: string) =>
    t.ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('runs a session end to end: conditions, captures by content, OTP, complete once', async () => {
    t = await createTestApp(kind)
    await subscribeWebhook(t)
    const flowId = await publishedFlow(t)
    const { sessionId, token } = await launchSandbox(t, flowId, { language: 'ka' })
    const runner = new RunnerClient(t, token)

    const claimed = await runner.claimLink()
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200)
    expect(claimed.headers['cache-control']).toBe('no-store')
    const view = claimed.body.data.runner
    expect(view).toMatchObject({
      sessionId,
      status: 'started',
      language: 'ka',
      device: 'launch',
      progress: { currentStepId: 's_doc' },
      completion: null,
    })
    expect(view.flow.steps.map((s: { id: string }) => s.id)).toEqual(['s_doc', 's_form', 's_mail'])
    expect(view.flow).not.toHaveProperty('targets')
    expect(view.flow.settings).toMatchObject({ theme: 'system', qr: { allow: true } })
    expect(JSON.stringify(view)).not.toContain('s_ops')

    // Captures: judged by their bytes, not their declared type.
    const fake = await runner.upload(
      's_doc',
      'document_front',
      Buffer.from('just some text, really'),
    )
    expect(fake.status).toBe(415)
    expect(fake.body.errors[0].code).toBe('MEDIA_TYPE_INVALID')
    const wrongKind = await runner.upload('s_doc', 'selfie', JPEG)
    expect(wrongKind.body.errors[0]).toMatchObject({
      code: 'MEDIA_KIND_INVALID',
      path: '/query/kind',
    })
    expect((await runner.upload('s_doc', 'document_front', PNG, 'image/jpeg')).status).toBe(201)
    const front = await runner.upload('s_doc', 'document_front', JPEG)
    expect(front.status).toBe(201)
    expect(front.body.data).toMatchObject({ kind: 'document_front', contentType: 'image/jpeg' })
    const media = await t.ctx.db.selectFrom('session_media').selectAll().execute()
    expect(media).toHaveLength(1) // the retake replaced the first front
    const sealed = Buffer.from(media[0]!.data_sealed)
    expect(sealed.includes(JPEG.subarray(0, 64))).toBe(false)
    expect(t.ctx.secretBox.decryptBytes(sealed, `media:${sessionId}`)).toEqual(JPEG)

    // Questionnaire: the shared evaluator on the server.
    const missing = await runner.answers('s_form', { answers: { q_emp: 'o_emp' } })
    expect(missing.status).toBe(400)
    expect(missing.body.errors).toEqual([
      expect.objectContaining({ path: '/answers/q_employer', code: 'ANSWER_REQUIRED' }),
    ])
    const badOption = await runner.answers('s_form', { answers: { q_emp: 'o_nope' } })
    expect(badOption.body.errors[0]).toMatchObject({
      path: '/answers/q_emp',
      code: 'ANSWER_INVALID',
    })
    const saved = await runner.answers('s_form', {
      answers: { q_emp: 'o_oth', q_employer: 'Hidden Ltd', q_note: 'hi' },
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.data.progress.steps.s_form.answers).toEqual({ q_emp: 'o_oth', q_note: 'hi' })
    expect(saved.body.data.progress.currentStepId).toBe('s_mail')

    // Nothing is complete without the verified email.
    const early = await runner.complete()
    expect(early.status).toBe(400)
    expect(early.body.errors).toEqual([
      expect.objectContaining({ path: '/steps/s_mail/value', code: 'CONTACT_REQUIRED' }),
    ])

    const bad = await runner.requestOtp('s_mail', { value: 'not an address' })
    expect(bad.body.errors[0]).toMatchObject({ code: 'CONTACT_INVALID', path: '/value' })
    const sent = await runner.requestOtp('s_mail', { value: 'person@example.com' })
    expect(sent.status, JSON.stringify(sent.body)).toBe(200)
    expect(sent.body.data).toMatchObject({
      channel: 'email',
      destination: 'person@example.com',
      attemptsLeft: 5,
    })
    expect(JSON.stringify(sent.body)).not.toMatch(/"code"/)
    const again = await runner.requestOtp('s_mail')
    expect(again.status).toBe(429)
    expect(again.body.errors[0].code).toBe('OTP_COOLDOWN')
    expect(again.body.retryAfterSeconds).toBeGreaterThan(0)
    const code = await lastOtpCode(t, sessionId)
    expect(code).toMatch(/^\d{6}$/)
    const wrong = await runner.verifyOtp('s_mail', code === '000000' ? '111111' : '000000')
    expect(wrong.status).toBe(400)
    expect(wrong.body).toMatchObject({
      errors: [{ code: 'OTP_INVALID', path: '/code' }],
      attemptsLeft: 4,
    })
    const right = await runner.verifyOtp('s_mail', code)
    expect(right.status, JSON.stringify(right.body)).toBe(200)
    expect(right.body.data.progress.steps.s_mail.contact).toEqual({
      value: 'person@example.com',
      verified: true,
    })

    const done = await runner.complete()
    expect(done.status, JSON.stringify(done.body)).toBe(200)
    expect(done.body.data).toEqual({
      status: 'COMPLETED',
      sessionId,
      redirectUrl: `https://shop.example/kyc/done?ref=42&status=COMPLETED&session_id=${sessionId}`,
      postMessageOrigin: 'https://shop.example',
    })
    const twice = await runner.complete()
    expect(twice.status).toBe(409)
    expect(twice.body.errors[0].code).toBe('SESSION_ALREADY_COMPLETED')

    const row = await sessionRow(sessionId)
    expect(row).toMatchObject({ status: 'completed', outcome: 'review_needed' })
    expect(row.submitted_at).not.toBeNull()
    expect(row.answers).toEqual({ s_form: { q_emp: 'o_oth', q_note: 'hi' } })
    expect(row.result).toMatchObject({ verified: false, captures: { document_front: 1 } })
    expect(await outboxOf(t, 'session.completed', sessionId)).toHaveLength(1)
    const after = await runner.get()
    expect(after.body.data.completion).toMatchObject({ status: 'COMPLETED', sessionId })
    const events = await t.ctx.db
      .selectFrom('session_events')
      .select('type')
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'session.created',
      'session.launched',
      'session.started',
      'step.reached', // s_doc, shown at the start
      'media.uploaded',
      'media.uploaded',
      'step.reached', // s_form (the refused saves before it left nothing)
      'answers.saved',
      'step.reached', // s_mail
      'otp.sent',
      'otp.failed',
      'otp.verified',
      'session.submitted',
      'session.completed',
    ])
  })

  it('lets one browser claim a link once; others and forged links get nothing', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const { token } = await launchSandbox(t, flowId)
    const first = new RunnerClient(t, token)
    expect((await first.claimLink()).status).toBe(200)
    const second = new RunnerClient(t, token)
    const refused = await second.claimLink()
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].code).toBe('SESSION_ALREADY_CLAIMED')
    expect((await second.get()).body.errors[0].code).toBe('RUNNER_CLAIM_REQUIRED')
    second.claim = 'a-guessed-claim'
    expect((await second.get()).status).toBe(403)
    expect((await second.answers('s_form', { answers: {} })).status).toBe(403)
    expect((await first.get()).status).toBe(200)

    const [payload, mac] = token.split('.')
    const flipped = `${payload}.${mac!.slice(0, -2)}${mac!.endsWith('AA') ? 'BA' : 'AA'}`
    for (const forged of [flipped, 'nonsense', `${payload}`, `${payload}.${mac}.x`]) {
      const res = await new RunnerClient(t, forged).claimLink()
      expect(res.status, forged).toBe(404)
      expect(res.body.errors[0].code).toBe('RUNNER_LINK_NOT_FOUND')
    }
    // An authentic token the session no longer holds (relaunched link) is unknown too.
    await t.ctx.db.updateTable('sessions').set({ runner_token_hash: 'other' }).execute()
    expect((await first.get()).status).toBe(404)
  })

  it('answers 410 SESSION_EXPIRED once the session has expired', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const fresh = await launchSandbox(t, flowId)
    const claimedThenExpired = await launchSandbox(t, flowId)
    const runner = new RunnerClient(t, claimedThenExpired.token)
    expect((await runner.claimLink()).status).toBe(200)
    await t.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute()
    const unclaimed = await new RunnerClient(t, fresh.token).claimLink()
    expect(unclaimed.status).toBe(410)
    expect(unclaimed.body.errors[0].code).toBe('SESSION_EXPIRED')
    expect((await runner.get()).status).toBe(410)
    expect((await runner.upload('s_doc', 'document_front', JPEG)).status).toBe(410)
    expect((await runner.complete()).body.errors[0].code).toBe('SESSION_EXPIRED')
  })

  it('locks an OTP after five wrong codes and lets a new one be sent after the cool-down', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const { sessionId, token } = await launchSandbox(t, flowId)
    const runner = new RunnerClient(t, token)
    await runner.claimLink()
    expect((await runner.verifyOtp('s_mail', '123456')).body.errors[0].code).toBe(
      'OTP_NOT_REQUESTED',
    )
    expect((await runner.requestOtp('s_mail')).body.errors[0].code).toBe('CONTACT_REQUIRED')
    expect((await runner.answers('s_mail', { value: ' Person@Example.com ' })).status).toBe(200)
    expect((await runner.requestOtp('s_mail')).status).toBe(200)
    const code = await lastOtpCode(t, sessionId)
    const wrong = code === '999999' ? '888888' : '999999'
    for (let attempt = 1; attempt <= 5; attempt++) {
      const res = await runner.verifyOtp('s_mail', wrong)
      expect(res.status).toBe(400)
      expect(res.body.attemptsLeft).toBe(5 - attempt)
    }
    const locked = await runner.verifyOtp('s_mail', code)
    expect(locked.status).toBe(429)
    expect(locked.body.errors[0].code).toBe('OTP_LOCKED')
    await t.ctx.db
      .updateTable('otp_challenges')
      .set({ last_sent_at: new Date(Date.now() - 31_000) })
      .execute()
    expect((await runner.requestOtp('s_mail')).status).toBe(200)
    const fresh = await lastOtpCode(t, sessionId)
    expect((await runner.verifyOtp('s_mail', fresh)).status).toBe(200)
    const challenges = await t.ctx.db.selectFrom('otp_challenges').selectAll().execute()
    expect(challenges.every((c) => !c.code_hash.includes(fresh))).toBe(true)
    // Another address needs its own code: the used one does not carry over.
    const changed = await runner.answers('s_mail', { value: 'other@example.com' })
    expect(changed.body.data.progress.steps.s_mail.contact).toEqual({
      value: 'other@example.com',
      verified: false,
    })
    const reused = await runner.verifyOtp('s_mail', fresh)
    expect(reused.body.errors[0]).toMatchObject({ code: 'OTP_NOT_REQUESTED', path: '/code' })
  })

  it('refuses oversized captures with 413 and empty ones with 400', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const { token } = await launchSandbox(t, flowId)
    const runner = new RunnerClient(t, token)
    await runner.claimLink()
    const huge = Buffer.concat([JPEG, Buffer.alloc(8 * 1024 * 1024)])
    const tooLarge = await runner.upload('s_doc', 'document_front', huge)
    expect(tooLarge.status).toBe(413)
    expect(tooLarge.body.errors[0].code).toBe('MEDIA_TOO_LARGE')
    const empty = await runner.upload('s_doc', 'document_front', Buffer.alloc(0))
    expect(empty.body.errors[0].code).toBe('MEDIA_EMPTY')
    const noKind = await runner.upload('s_doc', 'passport', JPEG)
    expect(noKind.status).toBe(400)
    expect(noKind.body.errors[0].path).toBe('/query/kind')
  })

  it('hands a session off to a phone once; the desktop keeps following it', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const { sessionId, token } = await launchSandbox(t, flowId)
    const desktop = new RunnerClient(t, token)
    await desktop.claimLink()
    const handoff = await desktop.handoff()
    expect(handoff.status, JSON.stringify(handoff.body)).toBe(201)
    expect(handoff.body.data.url).toMatch(/^http:\/\/localhost:3000\/r\/continue\/[A-Za-z0-9_.-]+$/)
    const continuation = handoff.body.data.url.split('/r/continue/')[1] as string
    expect((await new RunnerClient(t, continuation).claimLink()).status).toBe(404)
    const phone = new RunnerClient(t, continuation)
    const claimed = await phone.claimLink(true)
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200)
    expect(claimed.body.data.runner).toMatchObject({ sessionId, device: 'continue' })
    const thief = new RunnerClient(t, continuation)
    const reused = await thief.claimLink(true)
    expect(reused.status).toBe(409)
    expect(reused.body.errors[0].code).toBe('HANDOFF_ALREADY_CLAIMED')

    expect((await phone.upload('s_doc', 'document_front', JPEG)).status).toBe(201)
    const followed = await desktop.get()
    expect(followed.body.data.handoff).toMatchObject({ status: 'claimed' })
    expect(followed.body.data.progress.steps.s_doc.media).toHaveLength(1)
    expect((await phone.handoff()).body.errors[0].code).toBe('HANDOFF_NOT_ALLOWED')
    const kinds = await t.ctx.db
      .selectFrom('session_events')
      .select('type')
      .where('session_id', '=', sessionId)
      .where('type', 'like', 'handoff.%')
      .execute()
    expect(kinds.map((k) => k.type)).toEqual(['handoff.created', 'handoff.claimed'])
  })

  it('works in a browser that is also signed in to the console (no CSRF check on runner calls)', async () => {
    t = await createTestApp(kind, { LOGIN_RATE_LIMIT_PER_MINUTE: '0' })
    const flowId = await publishedFlow(t)
    const { token } = await launchSandbox(t, flowId)
    const designer = await createUser(t, 'designer')
    const { agent } = await signIn(t, designer.email)
    const res = await agent.post(`/api/runner/${token}/claim`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  })
})
