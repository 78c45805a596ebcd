import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  IAB_FLOW,
  SHORT_TIMEOUT_MS,
  launchInput,
  testAdapters,
} from '../../../test/fakes/fixtures.ts'
import { IabFake, TOKEN_PATH } from '../../../test/fakes/iab-fake.ts'
import { capturingLogger } from '../../../test/support/users.ts'
import type { Flow } from '@veriflow/schema'
import type { CallbackRequest, ProviderConfig, ProviderSession } from '../provider.types.ts'

const CLIENT_ID = '5b0c7e2a-1111-4c5d-9e8f-0123456789ab'
const PASS_KEY = '9d8c7b6a-2222-4f3e-8d2c-ba9876543210'
const PARTNER = 'ACME-WEB-FACE_VERIFICATION'
const CALLBACK_SECRET = 'callback-secret-5e6f7a8b9c'

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'expected a rejection').toBeDefined()
  return error as { status: number; code: string; message: string }
}

describe('OneKYC (IAB) adapter against the contract fake', () => {
  const fake = new IabFake({ clientId: CLIENT_ID, passKey: PASS_KEY, onboardingPartner: PARTNER })
  let adapter = testAdapters().iab
  const config = (extra: Partial<ProviderConfig> = {}): ProviderConfig => ({
    baseUrl: fake.url,
    options: { tokenUrl: `${fake.url}${TOKEN_PATH}`, ...extra.options },
    credentials: {
      client_id: CLIENT_ID,
      pass_key: PASS_KEY,
      onboarding_partner: PARTNER,
      ...extra.credentials,
    },
  })
  const sessionOf = (id: string, externalUserId = 'user-42'): ProviderSession => ({
    id,
    providerRef: null,
    externalUserId,
    state: { partnerUserIdType: 'PHONE_NUMBER' },
  })

  beforeAll(async () => {
    await fake.start()
  })
  afterAll(async () => fake.close())
  beforeEach(() => {
    fake.reset()
    // A fresh adapter per test: the partner-token cache starts empty.
    adapter = testAdapters().iab
  })

  it('fetches a partner token, initiates the flow with every header and reads the launch URL', async () => {
    const before = Date.now()
    const input = launchInput(IAB_FLOW, config())
    const launched = await adapter.launch(input)
    expect(launched.launchUrl).toMatch(/^https:\/\/web\.onekyc\.test\/flow\?token=/)
    expect(launched.providerRef).toBeNull()
    expect(launched.state).toEqual({ partnerUserIdType: 'PHONE_NUMBER', launchMode: 'iframe' })
    expect(launched.expiresAt.getTime() - before).toBeGreaterThanOrEqual(20 * 60_000 - 1000)
    expect(fake.initiated[0]).toEqual({
      headers: { userId: 'user-42', userIdType: 'PHONE_NUMBER', sessionId: input.sessionId },
      body: {
        flow: 'FACE_VERIFICATION',
        source: 'WEB_SDK',
        successRedirectionUrl: input.returnUrl,
        failureRedirectionUrl: input.returnUrl,
        theme: 'DARK_MODE',
        additionalDetails: { allowQr: true },
      },
    })
    const tokenCall = fake.requests.find((r) => r.path === TOKEN_PATH)!
    expect(tokenCall).toMatchObject({
      method: 'GET',
      headers: { 'client-id': CLIENT_ID, 'pass-key': PASS_KEY },
    })
    expect(fake.count('token')).toBe(1)
  })

  it('accepts the launch URL at the top level or under data, and fails clearly otherwise', async () => {
    fake.envelope = 'top'
    expect((await adapter.launch(launchInput(IAB_FLOW, config()))).launchUrl).toMatch(/^https:/)
    fake.envelope = 'none'
    const error = await rejection(adapter.launch(launchInput(IAB_FLOW, config())))
    expect(error).toMatchObject({ status: 502, code: 'PROVIDER_UNAVAILABLE' })
    expect(error.message).toContain('looked at launchUrl and data.launchUrl')
  })

  it('shares one partner token between 20 concurrent launches', async () => {
    const launches = await Promise.all(
      Array.from({ length: 20 }, () => adapter.launch(launchInput(IAB_FLOW, config()))),
    )
    expect(launches).toHaveLength(20)
    expect(fake.count('token')).toBe(1)
    expect(fake.count('initiate')).toBe(20)
    await adapter.launch(launchInput(IAB_FLOW, config()))
    expect(fake.count('token')).toBe(1)
  })

  it('fetches a new token shortly before the old one expires, and for changed credentials', async () => {
    let now = Date.now()
    const clocked = testAdapters({ now: () => new Date(now) }).iab
    await clocked.launch(launchInput(IAB_FLOW, config()))
    now += 1800_000 - 120_000
    await clocked.launch(launchInput(IAB_FLOW, config()))
    expect(fake.count('token')).toBe(1)
    now += 90_000 // 30 s before expires_at: inside the refresh margin
    await clocked.launch(launchInput(IAB_FLOW, config()))
    expect(fake.count('token')).toBe(2)
    const otherUrl = config({ options: { tokenUrl: `${fake.url}${TOKEN_PATH}?v=2` } })
    await clocked.launch(launchInput(IAB_FLOW, otherUrl))
    expect(fake.count('token')).toBe(3)
  })

  it('refreshes the token once on a 401 and retries, and gives up after a second 401', async () => {
    await adapter.launch(launchInput(IAB_FLOW, config()))
    fake.expireTokens()
    await adapter.launch(launchInput(IAB_FLOW, config()))
    expect(fake.count('token')).toBe(2)
    expect(fake.count('initiate')).toBe(3)
    fake.reset()
    fake.failNext('401') // Initiate Flow with the cached token
    fake.failNext('ok') // the one refresh
    fake.failNext('401') // Initiate Flow again: no second refresh
    const error = await rejection(adapter.launch(launchInput(IAB_FLOW, config())))
    expect(error).toMatchObject({ status: 502, code: 'PROVIDER_REJECTED' })
    expect(error.message).toContain('(provider code 110 UNAUTHORIZED)')
    expect(fake.count('initiate')).toBe(2)
    expect(fake.count('token')).toBe(1)
  })

  it('needs a partner user id type before calling OneKYC', async () => {
    const flow = structuredClone(IAB_FLOW) as Flow & { targets: { iab: Record<string, unknown> } }
    delete flow.targets.iab.partnerUserIdType
    const error = (await rejection(adapter.launch(launchInput(flow, config())))) as unknown as {
      status: number
      entries: Array<{ path: string; code: string }>
    }
    expect(error.status).toBe(422)
    expect(error.entries[0]).toMatchObject({
      path: '/targets/iab/partnerUserIdType',
      code: 'IAB_PARTNER_USER_ID_TYPE_REQUIRED',
    })
    expect(fake.requests).toHaveLength(0)
  })

  describe('faults', () => {
    it('token: wrong credentials → PROVIDER_REJECTED with code and cause; 5xx retried with a bound', async () => {
      const wrong = config({ credentials: { pass_key: 'wrong' } })
      const refused = await rejection(adapter.launch(launchInput(IAB_FLOW, wrong)))
      expect(refused.message).toBe(
        'iab: partner token was refused (HTTP 401) (provider code 110 UNAUTHORIZED)',
      )
      expect(fake.count('token')).toBe(1)
      fake.failNext('5xx', 2)
      await adapter.launch(launchInput(IAB_FLOW, config()))
      expect(fake.count('token')).toBe(4)
      fake.reset()
      fake.mode = '5xx'
      const down = await rejection(testAdapters().iab.launch(launchInput(IAB_FLOW, config())))
      expect(down).toMatchObject({ status: 502, code: 'PROVIDER_UNAVAILABLE' })
      expect(down.message).toContain('(provider code 900 GENERIC_SERVICE_ERROR)')
      expect(fake.count('token')).toBe(3)
      expect(fake.count('initiate')).toBe(0)
    })

    it('initiate: never retried on 5xx, timeouts or malformed bodies; 4xx carries the code', async () => {
      // A fresh adapter each time, so the first call is always the token's.
      const fresh = () => testAdapters({ timeoutMs: SHORT_TIMEOUT_MS }).iab
      for (const mode of ['5xx', 'slow', 'malformed'] as const) {
        fake.reset()
        fake.failNext('ok') // the token call
        fake.failNext(mode)
        const error = await rejection(fresh().launch(launchInput(IAB_FLOW, config())))
        expect(error, mode).toMatchObject({ status: 502, code: 'PROVIDER_UNAVAILABLE' })
        expect(fake.count('initiate'), mode).toBe(1)
      }
      fake.reset()
      const impatient = fresh()
      fake.failNext('ok')
      fake.failNext('4xx')
      const rejected = await rejection(impatient.launch(launchInput(IAB_FLOW, config())))
      expect(rejected.code).toBe('PROVIDER_REJECTED')
      expect(rejected.message).toContain('(provider code 1539 FLOW_NOT_ALLOWED)')
      const partner = config({ credentials: { onboarding_partner: 'OTHER-WEB-FLOW' } })
      const forbidden = await rejection(impatient.launch(launchInput(IAB_FLOW, partner)))
      expect(forbidden.message).toContain('110 ONBOARDING_PARTNER_DOES_NOT_BELONG_TO_CLIENT')
    })
  })

  describe('results', () => {
    it('reads VALID / INVALID from Get Submission Details; no submission yet is not final', async () => {
      const input = launchInput(IAB_FLOW, config())
      await adapter.launch(input)
      const submissionId = fake.submissions.get(input.sessionId)!.submissionId
      expect(await adapter.fetchResult(sessionOf(input.sessionId), config())).toMatchObject({
        final: true,
        outcome: 'passed',
        summary: { result: 'VALID', reasonCode: 'OK', submissionId },
        providerRef: submissionId,
      })
      const call = fake.requests.at(-1)!
      expect(call.headers).toMatchObject({
        'x-onekyc-token': expect.any(String),
        'x-onboarding-partner': PARTNER,
        'x-partner-user-id': 'user-42',
        'x-partner-user-id-type': 'PHONE_NUMBER',
        'x-partner-session-id': input.sessionId,
      })
      fake.verdict = 'INVALID'
      const invalid = launchInput(IAB_FLOW, config())
      await adapter.launch(invalid)
      expect(await adapter.fetchResult(sessionOf(invalid.sessionId), config())).toMatchObject({
        final: true,
        outcome: 'failed',
        summary: { result: 'INVALID', reasonCode: 'FACE_MISMATCH' },
      })
      fake.verdict = null
      const pending = launchInput(IAB_FLOW, config())
      await adapter.launch(pending)
      // Still processing, but the answer names the submission callbacks will refer to.
      expect(await adapter.fetchResult(sessionOf(pending.sessionId), config())).toMatchObject({
        final: false,
        outcome: null,
        providerRef: fake.submissions.get(pending.sessionId)!.submissionId,
      })
      expect(
        await adapter.fetchResult(sessionOf('6f1c1c1e-0000-4000-8000-000000000000'), config()),
      ).toMatchObject({ final: false, outcome: null, raw: null })
    })

    it('retries Get Submission Details on 5xx within a bound; a user mismatch is rejected', async () => {
      const input = launchInput(IAB_FLOW, config())
      await adapter.launch(input)
      fake.failNext('5xx', 2)
      expect((await adapter.fetchResult(sessionOf(input.sessionId), config())).outcome).toBe(
        'passed',
      )
      expect(fake.count('submissions')).toBe(3)
      const error = await rejection(
        adapter.fetchResult(sessionOf(input.sessionId, 'someone-else'), config()),
      )
      expect(error.message).toContain('1553 PARTNER_SESSION_ID_DOES_NOT_BELONG_TO_THE_USER')
    })
  })

  describe('callbacks', () => {
    const body = { submissionId: 'sub-1', status: 'COMPLETED', result: 'VALID', reasonCode: 'OK' }
    const request = (extra: Partial<CallbackRequest> = {}): CallbackRequest => ({
      headers: { authorization: `Bearer ${CALLBACK_SECRET}` },
      body,
      ip: '198.51.100.7',
      ...extra,
    })
    const withSecret = (options: Record<string, unknown> = {}) =>
      config({ credentials: { callback_secret: CALLBACK_SECRET }, options })

    it('refuses every callback until a secret or an allow-list is configured', async () => {
      expect(await rejection(adapter.handleCallback!(request(), config()))).toMatchObject({
        status: 401,
        code: 'CALLBACK_NOT_CONFIGURED',
      })
    })

    it('checks the shared secret (Bearer or X-Callback-Secret) and the allow-list', async () => {
      const cfg = withSecret()
      await adapter.handleCallback!(request(), cfg)
      await adapter.handleCallback!(
        request({ headers: { 'x-callback-secret': CALLBACK_SECRET } }),
        cfg,
      )
      for (const headers of [
        {},
        { authorization: 'Bearer wrong' },
        { 'x-callback-secret': 'wrong' },
      ])
        expect(await rejection(adapter.handleCallback!(request({ headers }), cfg))).toMatchObject({
          status: 401,
          code: 'CALLBACK_UNAUTHENTICATED',
        })
      const listed = config({ options: { callbackAllowedIps: ['198.51.100.0/24', '2001:db8::1'] } })
      await adapter.handleCallback!(request({ headers: {} }), listed)
      await adapter.handleCallback!(request({ headers: {}, ip: '::ffff:198.51.100.99' }), listed)
      await adapter.handleCallback!(request({ headers: {}, ip: '2001:db8::1' }), listed)
      expect(
        await rejection(
          adapter.handleCallback!(request({ headers: {}, ip: '203.0.113.5' }), listed),
        ),
      ).toMatchObject({ status: 401 })
      const both = withSecret({ callbackAllowedIps: ['198.51.100.7'] })
      await adapter.handleCallback!(request(), both)
      expect(
        await rejection(adapter.handleCallback!(request({ ip: '10.0.0.1' }), both)),
      ).toMatchObject({ status: 401 })
      expect(
        await rejection(adapter.handleCallback!(request({ headers: {} }), both)),
      ).toMatchObject({ status: 401 })
    })

    it('answers 400 to anything but the documented body (after authentication)', async () => {
      const cfg = withSecret()
      for (const bad of [
        'text',
        null,
        { ...body, submissionId: '' },
        { ...body, status: 'DONE' },
        { ...body, result: 'MAYBE' },
        { ...body, reasonCode: 7 },
      ])
        expect(
          await rejection(adapter.handleCallback!(request({ body: bad }), cfg)),
          JSON.stringify(bad),
        ).toMatchObject({
          status: 400,
          code: 'CALLBACK_MALFORMED',
        })
      expect(
        await rejection(adapter.handleCallback!(request({ body: 'text', headers: {} }), cfg)),
      ).toMatchObject({ status: 401 })
    })

    it('never takes the verdict from the callback: confirmed by Get Submission Details, else processing', async () => {
      const cfg = withSecret()
      const input = launchInput(IAB_FLOW, config())
      fake.verdict = 'INVALID'
      await adapter.launch(input)
      const submissionId = [...fake.submissions.values()][0]!.submissionId
      const claimed = { submissionId, status: 'COMPLETED', result: 'VALID', reasonCode: 'OK' }
      // The documented lookup needs the user's headers, which a callback does not carry.
      const unconfirmed = await adapter.handleCallback!(request({ body: claimed }), cfg)
      expect(unconfirmed).toEqual({
        providerRef: submissionId,
        eventId: expect.stringMatching(/^iab:[0-9a-f]{64}$/),
        status: 'processing',
      })
      expect(fake.requests.at(-1)!.headers['x-submission-id']).toBe(submissionId)
      // Where IAB answers a lookup by submission id alone, the confirmed verdict wins.
      fake.submissionIdLookup = true
      const confirmed = await adapter.handleCallback!(request({ body: claimed }), cfg)
      expect(confirmed).toMatchObject({
        providerRef: submissionId,
        eventId: unconfirmed.eventId,
        result: { final: true, outcome: 'failed', summary: { result: 'INVALID' } },
      })
      const failed = await adapter.handleCallback!(
        request({
          body: { submissionId, status: 'ERROR', result: null, reasonCode: 'SESSION_TIMEOUT' },
        }),
        cfg,
      )
      expect(failed).toMatchObject({ status: 'error', errorCode: 'SESSION_TIMEOUT' })
      expect(failed.result).toBeUndefined()
      expect(failed.eventId).not.toBe(unconfirmed.eventId)
    })
  })

  it('shares the token "test connection" fetches, one fetch at a time', async () => {
    await adapter.launch(launchInput(IAB_FLOW, config()))
    expect(fake.count('token')).toBe(1)
    const tests = await Promise.all(
      Array.from({ length: 3 }, () =>
        adapter.testConnection(config(), { returnUrl: 'https://v.example/' }),
      ),
    )
    expect(tests.map((test) => test.ok)).toEqual([true, true, true])
    expect(fake.count('token')).toBe(2)
    // The launch after the test goes on with the token the test fetched.
    await adapter.launch(launchInput(IAB_FLOW, config()))
    expect(fake.count('token')).toBe(2)
    const used = fake.requests
      .filter((r) => r.path !== TOKEN_PATH)
      .map((r) => r.headers['x-onekyc-token'])
    expect(used[0]).not.toBe(used.at(-1))
  })

  it('tests the connection with a fresh token and never shows it', async () => {
    const ok = await adapter.testConnection(config(), { returnUrl: 'https://v.example/' })
    expect(ok).toMatchObject({ ok: true, status: 200 })
    expect(JSON.stringify(ok)).not.toMatch(/partner-token-/)
    const bad = await adapter.testConnection(config({ credentials: { client_id: 'x' } }), {
      returnUrl: 'https://v.example/',
    })
    expect(bad).toEqual({
      ok: false,
      status: 401,
      message: 'iab: partner token was refused (HTTP 401) (provider code 110 UNAUTHORIZED)',
    })
  })

  it('never logs credentials or tokens', async () => {
    const { logger, lines } = capturingLogger()
    const logged = testAdapters({ logger }).iab
    const input = launchInput(IAB_FLOW, config())
    await logged.launch(input)
    fake.expireTokens()
    fake.failNext('5xx')
    await logged.fetchResult(sessionOf(input.sessionId), config())
    await rejection(
      logged.launch(launchInput(IAB_FLOW, config({ credentials: { pass_key: 'bad' } }))),
    )
    expect(lines.length).toBeGreaterThan(3)
    const text = lines.join('\n')
    for (const secret of [CLIENT_ID, PASS_KEY, PARTNER, 'partner-token-', 'web.onekyc.test'])
      expect(text).not.toContain(secret)
  })
})
