import supertest from 'supertest'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { IAB_FLOW } from '../../../test/fakes/fixtures.ts'
import { IabFake, TOKEN_PATH } from '../../../test/fakes/iab-fake.ts'
import {
  eventTypes,
  insertSession,
  outboxFor,
  publishedFlow,
  subscribeWebhook,
} from '../../../test/support/sessions.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import { JOB_NAMES, createJobs } from '../../jobs/index.ts'
import { createFlow, publish } from '../flows/flows.test-helpers.ts'

const CLIENT_ID = '5b0c7e2a-1111-4c5d-9e8f-0123456789ab'
const PASS_KEY = '9d8c7b6a-2222-4f3e-8d2c-ba9876543210'
const PARTNER = 'ACME-WEB-FACE_VERIFICATION'
const SECRET = 'callback-secret-5e6f7a8b9c'
const CALLBACK_API_KEY = 'identomat-callback-key-0123'

const fake = new IabFake({ clientId: CLIENT_ID, passKey: PASS_KEY, onboardingPartner: PARTNER })
beforeAll(async () => {
  await fake.start()
})
afterAll(async () => fake.close())

async function configureProviders(t: TestApp) {
  await t.request
    .put('/api/settings/providers/iab')
    .set(t.admin)
    .send({
      baseUrl: fake.url,
      options: { tokenUrl: `${fake.url}${TOKEN_PATH}` },
      credentials: {
        client_id: CLIENT_ID,
        pass_key: PASS_KEY,
        onboarding_partner: PARTNER,
        callback_secret: SECRET,
      },
    })
    .expect(200)
  await t.request
    .put('/api/settings/providers/identomat')
    .set(t.admin)
    .send({ credentials: { company_key: 'company-key-1', callback_api_key: CALLBACK_API_KEY } })
    .expect(200)
}

/** A OneKYC session whose submission exists at the fake (verdict given). */
async function iabSession(
  t: TestApp,
  flow: { flowId: string; version: number },
  submissionId: string,
  result: 'VALID' | 'INVALID' | null = 'VALID',
) {
  const id = await insertSession(t, flow, {
    target: 'iab',
    providerRef: submissionId,
    providerState: { partnerUserIdType: 'PHONE_NUMBER' },
    externalUserId: `user-${submissionId}`,
  })
  fake.submissions.set(id, {
    submissionId,
    partnerSessionId: id,
    userId: `user-${submissionId}`,
    userIdType: 'PHONE_NUMBER',
    result,
    reasonCode: result === 'INVALID' ? 'FACE_MISMATCH' : 'OK',
  })
  return id
}

const bearer = { Authorization: `Bearer ${SECRET}` }

describe.each(DATABASE_KINDS)('provider callbacks on %s', (kind) => {
  let t: TestApp
  afterEach(async () => {
    fake.reset()
    await t?.close()
  })

  it('authenticates each provider as it allows, and answers 400 to malformed callbacks', async () => {
    t = await createTestApp(kind)
    const call = (provider: string) => supertest(t.app).post(`/api/callbacks/${provider}`)
    const body = { submissionId: 'sub-x', status: 'COMPLETED', result: 'VALID', reasonCode: 'OK' }
    // Not configured yet: every callback is refused.
    expect((await call('iab').set(bearer).send(body).expect(401)).body.errors[0].code).toBe(
      'CALLBACK_NOT_CONFIGURED',
    )
    await configureProviders(t)
    expect((await call('iab').send(body).expect(401)).body.errors[0].code).toBe(
      'CALLBACK_UNAUTHENTICATED',
    )
    await call('iab').set({ Authorization: 'Bearer wrong' }).send(body).expect(401)
    for (const bad of [{}, { ...body, status: 'DONE' }, { ...body, submissionId: 7 }, []]) {
      const res = await call('iab').set(bearer).send(bad).expect(400)
      expect(res.body.errors[0].code).toBe('CALLBACK_MALFORMED')
    }
    const broken = await call('iab')
      .set(bearer)
      .set('Content-Type', 'application/json')
      .send('{"submissionId": "sub')
      .expect(400)
    expect(broken.body.errors[0].code).toBe('MALFORMED_JSON')
    await call('iab').set(bearer).expect(400)

    const identomat = {
      callbackApiKey: CALLBACK_API_KEY,
      type: 'one-time-password-request',
      sessionId: 'tok-1',
      text: '1234',
      phoneNumber: '+99555',
    }
    await call('identomat')
      .send({ ...identomat, callbackApiKey: 'wrong' })
      .expect(401)
    await call('identomat')
      .send({ ...identomat, type: undefined })
      .expect(400)
    await call('identomat').send(identomat).expect(200)
    for (const provider of ['trustmatic', 'sandbox', 'acme'])
      expect((await call(provider).send(body).expect(404)).body.errors[0].code).toBe('NOT_FOUND')
  })

  it('applies a callback once: the same callback again changes nothing', async () => {
    t = await createTestApp(kind)
    await configureProviders(t)
    const flow = await publishedFlow(t)
    await subscribeWebhook(t)
    fake.submissionIdLookup = true
    const id = await iabSession(t, flow, 'sub-1')
    const body = { submissionId: 'sub-1', status: 'COMPLETED', result: 'VALID', reasonCode: 'OK' }

    const first = await supertest(t.app)
      .post('/api/callbacks/iab')
      .set(bearer)
      .send(body)
      .expect(200)
    expect(first.body).toEqual({ data: { received: true, duplicate: false, matched: true } })
    const completed = await t.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(completed).toMatchObject({ status: 'completed', outcome: 'passed' })
    const again = await supertest(t.app)
      .post('/api/callbacks/iab')
      .set(bearer)
      .send(body)
      .expect(200)
    expect(again.body.data).toMatchObject({ duplicate: true, matched: true })

    expect(await eventTypes(t, id)).toEqual(['provider.callback', 'session.completed'])
    expect(await outboxFor(t, id)).toHaveLength(1)
    const after = await t.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(after.updated_at).toEqual(completed.updated_at)
    const recorded = await t.ctx.db.selectFrom('provider_callbacks').selectAll().execute()
    expect(recorded).toEqual([
      expect.objectContaining({
        provider: 'iab',
        session_id: id,
        outcome: { final: true, outcome: 'passed' },
      }),
    ])

    // Identical callbacks arriving together: exactly one is applied.
    const other = await iabSession(t, flow, 'sub-2', 'INVALID')
    const burst = await Promise.all(
      Array.from({ length: 6 }, () =>
        supertest(t.app)
          .post('/api/callbacks/iab')
          .set(bearer)
          .send({ ...body, submissionId: 'sub-2' }),
      ),
    )
    expect(burst.map((res) => res.status)).toEqual(Array(6).fill(200))
    expect(burst.filter((res) => !res.body.data.duplicate)).toHaveLength(1)
    expect(await eventTypes(t, other)).toEqual(['provider.callback', 'session.completed'])
    expect(await outboxFor(t, other)).toHaveLength(1)
  })

  it('records an unconfirmed callback as processing and schedules a result fetch', async () => {
    t = await createTestApp(kind)
    await configureProviders(t)
    const flow = await publishedFlow(t)
    // The fake needs the user's headers to look a submission up: the callback cannot be confirmed.
    const id = await iabSession(t, flow, 'sub-3')
    await supertest(t.app)
      .post('/api/callbacks/iab')
      .set(bearer)
      .send({ submissionId: 'sub-3', status: 'COMPLETED', result: 'VALID', reasonCode: 'OK' })
      .expect(200)
    const row = await t.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('processing')
    expect(row.next_poll_at!.getTime()).toBeLessThanOrEqual(Date.now())
    expect(await eventTypes(t, id)).toEqual(['provider.callback', 'session.processing'])
  })

  it('marks the session error on an ERROR callback, and acknowledges callbacks for unknown sessions', async () => {
    t = await createTestApp(kind)
    await configureProviders(t)
    const flow = await publishedFlow(t)
    const id = await iabSession(t, flow, 'sub-4')
    await supertest(t.app)
      .post('/api/callbacks/iab')
      .set(bearer)
      .send({ submissionId: 'sub-4', status: 'ERROR', result: null, reasonCode: 'SESSION_TIMEOUT' })
      .expect(200)
    const row = await t.ctx.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'error', error_code: 'SESSION_TIMEOUT' })
    const unknown = await supertest(t.app)
      .post('/api/callbacks/iab')
      .set(bearer)
      .send({ submissionId: 'nobody', status: 'ERROR', result: null, reasonCode: 'X' })
      .expect(200)
    expect(unknown.body.data).toEqual({ received: true, duplicate: false, matched: false })
    const stored = await t.ctx.db.selectFrom('provider_callbacks').select('session_id').execute()
    expect(stored.map((r) => r.session_id).sort()).toEqual([id, null].sort())
  })
})

describe.each(DATABASE_KINDS)('provider-done on %s', (kind) => {
  let t: TestApp
  afterEach(async () => {
    fake.reset()
    await t?.close()
  })

  it('fetches the result at once for the launcher’s key', async () => {
    t = await createTestApp(kind)
    await configureProviders(t)
    const flow = await publishedFlow(t)
    await subscribeWebhook(t)
    const developer = await createUserWithKey(t, 'developer')
    const reviewer = await createUserWithKey(t, 'reviewer')
    fake.verdict = null
    const pending = await iabSession(t, flow, 'sub-5', null)
    const done = (id: string, auth = developer.auth) =>
      supertest(t.app).post(`/api/sessions/${id}/provider-done`).set(auth)

    expect((await done(pending).expect(200)).body.data).toEqual({
      sessionId: pending,
      status: 'processing',
      fetch: 'pending',
    })
    fake.submissions.get(pending)!.result = 'VALID'
    expect((await done(pending).expect(200)).body.data).toEqual({
      sessionId: pending,
      status: 'completed',
      fetch: 'completed',
    })
    expect((await done(pending).expect(200)).body.data).toEqual({
      sessionId: pending,
      status: 'completed',
      fetch: null,
    })
    expect(await outboxFor(t, pending)).toHaveLength(1)
    expect(await eventTypes(t, pending)).toEqual([
      'provider.done_reported',
      'session.processing',
      'provider.done_reported',
      'session.completed',
      'provider.done_reported',
    ])
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('action', '=', 'session.provider_done')
      .execute()
    expect(audit).toHaveLength(3)

    await done(pending, reviewer.auth).expect(403)
    await supertest(t.app).post(`/api/sessions/${pending}/provider-done`).expect(401)
    const sandbox = await insertSession(t, flow, { target: 'sandbox' })
    expect((await done(sandbox).expect(409)).body.errors[0].code).toBe('RESULT_NOT_FETCHABLE')
    await done('00000000-0000-4000-8000-000000000000').expect(404)
  })

  it('keeps the session waiting when the provider is down (the poller retries)', async () => {
    t = await createTestApp(kind)
    await configureProviders(t)
    const flow = await publishedFlow(t)
    const id = await iabSession(t, flow, 'sub-6')
    fake.mode = '5xx'
    const res = await supertest(t.app)
      .post(`/api/sessions/${id}/provider-done`)
      .set(t.admin)
      .expect(200)
    expect(res.body.data).toEqual({ sessionId: id, status: 'started', fetch: 'failed' })
    const polls = await t.ctx.db
      .selectFrom('session_polls')
      .selectAll()
      .where('session_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(polls.last_error).toMatch(/iab/)
  })
})

describe.each(DATABASE_KINDS)('OneKYC submission ids on %s', (kind) => {
  let t: TestApp
  afterEach(async () => {
    fake.reset()
    await t?.close()
  })

  const sessionRow = (id: string) =>
    t.ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  /** A OneKYC launch through the API (Initiate Flow names no submission id) and its row. */
  async function launchIab() {
    const flow = await createFlow(t, { document: IAB_FLOW })
    await publish(t, flow.id)
    const res = await t.request
      .post('/api/launches')
      .set(t.admin)
      .send({ flowId: flow.id, target: 'iab', user: { externalId: 'customer-1' } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const id = res.body.data.sessionId as string
    return { id, submission: fake.submissions.get(id)! }
  }

  /** Runs the app's result poller with every scheduled fetch due now. */
  async function poll() {
    await t.ctx.db
      .updateTable('sessions')
      .set({ next_poll_at: new Date(Date.now() - 1000) })
      .where('next_poll_at', 'is not', null)
      .execute()
    await createJobs(t.ctx).trigger(JOB_NAMES.pollResults)
  }

  const callback = (body: object) =>
    supertest(t.app).post('/api/callbacks/iab').set(bearer).send(body).expect(200)

  it('keeps the submissionId a result names as provider_ref, so callbacks find the session', async () => {
    t = await createTestApp(kind)
    await configureProviders(t)
    fake.verdict = null
    fake.submissionIdLookup = true
    const { id, submission } = await launchIab()
    expect((await sessionRow(id)).provider_ref).toBeNull()
    const body = {
      submissionId: submission.submissionId,
      status: 'COMPLETED',
      result: 'VALID',
      reasonCode: 'OK',
    }
    // Before Veriflow knows the submission id, a callback cannot be matched.
    expect((await callback(body)).body.data).toEqual({
      received: true,
      duplicate: false,
      matched: false,
    })

    await poll() // still processing at OneKYC, but the answer names the submission
    expect(await sessionRow(id)).toMatchObject({
      provider_ref: submission.submissionId,
      status: 'created',
    })
    submission.result = 'VALID'
    // The same callback delivered again now finds its session, and is applied once.
    expect((await callback(body)).body.data).toEqual({
      received: true,
      duplicate: false,
      matched: true,
    })
    expect(await sessionRow(id)).toMatchObject({ status: 'completed', outcome: 'passed' })
    expect((await callback(body)).body.data).toMatchObject({ duplicate: true, matched: true })
    expect(await eventTypes(t, id)).toEqual([
      'session.created',
      'session.launched',
      'provider.callback',
      'session.completed',
    ])
  })

  it('never takes a submission id another OneKYC session holds (unique per target)', async () => {
    t = await createTestApp(kind)
    await configureProviders(t)
    const flow = await publishedFlow(t)
    const holder = await insertSession(t, flow, { target: 'iab', providerRef: 'sub-taken' })
    const otherTarget = await insertSession(t, flow, {
      target: 'identomat',
      providerRef: 'sub-free',
    })
    fake.verdict = null
    const taken = await launchIab()
    taken.submission.submissionId = 'sub-taken'
    const free = await launchIab()
    free.submission.submissionId = 'sub-free'

    await poll()
    expect((await sessionRow(taken.id)).provider_ref).toBeNull()
    expect((await sessionRow(holder)).provider_ref).toBe('sub-taken')
    // Another target's reference is no conflict.
    expect((await sessionRow(free.id)).provider_ref).toBe('sub-free')
    expect((await sessionRow(otherTarget)).provider_ref).toBe('sub-free')
    // The poll itself went on for both: each is scheduled again.
    const polls = await t.ctx.db
      .selectFrom('session_polls')
      .select(['session_id', 'attempts', 'last_error'])
      .where('session_id', 'in', [taken.id, free.id])
      .execute()
    expect(polls).toHaveLength(2)
    for (const row of polls) expect(row).toMatchObject({ attempts: 1, last_error: null })
  })
})
