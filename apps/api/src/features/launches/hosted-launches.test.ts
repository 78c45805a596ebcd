import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { IAB_FLOW } from '../../../test/fakes/fixtures.ts'
import { IabFake, TOKEN_PATH } from '../../../test/fakes/iab-fake.ts'
import { APPROVED_RESULT, IdentomatFake } from '../../../test/fakes/identomat-fake.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { JOB_NAMES, createJobs } from '../../jobs/index.ts'
import { kycDocument, launch, publishedFlow } from '../sessions/sessions.test-helpers.ts'

/**
 * Launches on hosted providers through the API against the contract fakes, followed by what the
 * app's own job runner does with them: no adapter is injected, so these tests see the adapters
 * the AppContext builds once and every part of the app shares.
 */

const COMPANY_KEY = 'company-key-launch-poll'
const CLIENT_ID = '5b0c7e2a-3333-4c5d-9e8f-0123456789ab'
const PASS_KEY = '9d8c7b6a-4444-4f3e-8d2c-ba9876543210'
const PARTNER = 'ACME-WEB-FACE_VERIFICATION'

const identomat = new IdentomatFake({ companyKey: COMPANY_KEY })
const iab = new IabFake({ clientId: CLIENT_ID, passKey: PASS_KEY, onboardingPartner: PARTNER })
beforeAll(async () => {
  await Promise.all([identomat.start(), iab.start()])
})
afterAll(async () => Promise.all([identomat.close(), iab.close()]))

const user = { externalId: 'customer-9' }

describe.each(DATABASE_KINDS)('hosted launches and the result poller on %s', (kind) => {
  let t: TestApp
  afterEach(async () => {
    identomat.reset()
    iab.reset()
    await t?.close()
  })

  const sessionRow = (id: string) =>
    t.ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  /** Time passes: every scheduled result fetch is due now. */
  const makePollsDue = () =>
    t.ctx.db
      .updateTable('sessions')
      .set({ next_poll_at: new Date(Date.now() - 1000) })
      .where('next_poll_at', 'is not', null)
      .execute()

  const configure = async (provider: string, body: object) =>
    t.request.put(`/api/settings/providers/${provider}`).set(t.admin).send(body).expect(200)

  const configureIab = () =>
    configure('iab', {
      baseUrl: iab.url,
      options: { tokenUrl: `${iab.url}${TOKEN_PATH}` },
      credentials: { client_id: CLIENT_ID, pass_key: PASS_KEY, onboarding_partner: PARTNER },
    })

  it('schedules the first result fetch of an Identomat launch; polling alone completes it', async () => {
    t = await createTestApp(kind)
    await configure('identomat', {
      baseUrl: identomat.url,
      credentials: { company_key: COMPANY_KEY },
    })
    const flowId = await publishedFlow(t, kycDocument())
    identomat.result = { result: 'in_progress' }
    const res = await launch(t, { flowId, target: 'identomat', user })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const { sessionId } = res.body.data
    const launched = await sessionRow(sessionId)
    expect(launched.status).toBe('created')
    expect(launched.provider_ref).toMatch(/^[0-9a-f]{40}$/)
    // Not at once (nobody is done that fast), but well within the session's 15 minutes.
    expect(launched.next_poll_at!.getTime()).toBeGreaterThan(Date.now() + 10_000)
    expect(launched.next_poll_at!.getTime()).toBeLessThan(Date.now() + 60_000)

    const jobs = createJobs(t.ctx)
    await makePollsDue()
    await jobs.trigger(JOB_NAMES.pollResults)
    const pending = await sessionRow(sessionId)
    expect(pending.status).toBe('created')
    expect(pending.next_poll_at!.getTime()).toBeGreaterThan(Date.now())
    expect(identomat.count('result')).toBe(1)

    identomat.result = APPROVED_RESULT
    await makePollsDue()
    await jobs.trigger(JOB_NAMES.pollResults)
    const completed = await sessionRow(sessionId)
    expect(completed).toMatchObject({ status: 'completed', outcome: 'passed', next_poll_at: null })
    expect(completed.result).toMatchObject({ similarity: 0.93, live: true })
    expect(identomat.count('result')).toBe(2)
    await jobs.stop()
  })

  it('leaves sandbox sessions to their runner: no result fetch is scheduled', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t, kycDocument())
    const res = await launch(t, { flowId, target: 'sandbox', user })
    expect(res.status).toBe(201)
    expect((await sessionRow(res.body.data.sessionId)).next_poll_at).toBeNull()
  })

  it('shares one OneKYC partner token between launches, the result poller and test connection', async () => {
    t = await createTestApp(kind)
    await configureIab()
    const flowId = await publishedFlow(t, IAB_FLOW as unknown as Record<string, unknown>)
    const launches = await Promise.all(
      Array.from({ length: 5 }, () => launch(t, { flowId, target: 'iab', user })),
    )
    expect(launches.map((res) => res.status)).toEqual(Array(5).fill(201))
    expect(iab.count('token')).toBe(1)

    await makePollsDue()
    await createJobs(t.ctx).trigger(JOB_NAMES.pollResults)
    expect(iab.count('submissions')).toBe(5)
    for (const res of launches)
      expect((await sessionRow(res.body.data.sessionId)).status).toBe('completed')
    expect(iab.count('token')).toBe(1)

    // "Test connection" fetches a fresh token, and launches go on with that one.
    const test = await t.request.post('/api/settings/providers/iab/test').set(t.admin).expect(200)
    expect(test.body.data).toMatchObject({ ok: true })
    expect(iab.count('token')).toBe(2)
    const tokens = () =>
      iab.requests
        .filter((request) => request.path !== TOKEN_PATH)
        .map((request) => request.headers['x-onekyc-token'])
    const beforeTest = new Set(tokens())
    await launch(t, { flowId, target: 'iab', user }).expect(201)
    expect(iab.count('token')).toBe(2)
    expect(beforeTest.has(tokens().at(-1))).toBe(false)
  })
})
