import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  IDENTOMAT_FLOW,
  SHORT_TIMEOUT_MS,
  launchInput,
  testAdapters,
} from '../../../test/fakes/fixtures.ts'
import { APPROVED_RESULT, IdentomatFake } from '../../../test/fakes/identomat-fake.ts'
import { capturingLogger } from '../../../test/support/users.ts'
import type { ProviderConfig } from '../provider.types.ts'

const COMPANY_KEY = 'company-key-7f3a9c1e5b'
const SECRET_KEY = 'hmac-secret-d41d8cd98f'
const CALLBACK_KEY = 'callback-key-0b1c2d3e4f'

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'expected a rejection').toBeDefined()
  return error as { status: number; code: string; message: string }
}

describe('Identomat adapter against the contract fake', () => {
  const plain = new IdentomatFake({ companyKey: COMPANY_KEY })
  const signed = new IdentomatFake({ companyKey: COMPANY_KEY, secretKey: SECRET_KEY })
  const adapter = testAdapters().identomat
  const impatient = testAdapters({ timeoutMs: SHORT_TIMEOUT_MS }).identomat
  const config = (): ProviderConfig => ({
    baseUrl: plain.url,
    options: {},
    credentials: { company_key: COMPANY_KEY },
  })
  const signedConfig = (): ProviderConfig => ({
    baseUrl: signed.url,
    options: {},
    credentials: { company_key: COMPANY_KEY, secret_key: SECRET_KEY },
  })

  beforeAll(async () => {
    await plain.start()
    await signed.start()
  })
  afterAll(async () => {
    await plain.close()
    await signed.close()
  })
  beforeEach(() => {
    plain.reset()
    signed.reset()
    signed.signing = 'signed'
    plain.result = APPROVED_RESULT
  })

  it('begins a session with the compiled body and the company key, and fetches its result', async () => {
    const before = Date.now()
    const input = launchInput(IDENTOMAT_FLOW, config())
    const launched = await adapter.launch(input)
    const token = launched.providerRef!
    expect(plain.tokens.has(token)).toBe(true)
    expect(launched.launchUrl).toBe(`${plain.url}/?session_token=${token}`)
    expect(launched.expiresAt.getTime() - before).toBeGreaterThanOrEqual(15 * 60_000 - 1000)
    expect(launched.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(15 * 60_000)
    const body = plain.begun[0]!
    expect(body.company_key).toBe(COMPANY_KEY)
    expect(body.flags).toMatchObject({
      return_url: input.returnUrl,
      language: 'en',
      skip_face: true,
      skip_document: true,
      skip_desktop: true,
    })
    expect((body.steps as Array<{ key: string }>).map((s) => s.key)).toEqual([
      'identity-document',
      'liveness',
      'source_of_funds',
    ])
    expect(plain.requests[0]!.headers.authorization).toBeUndefined()

    const session = {
      id: input.sessionId,
      providerRef: token,
      externalUserId: 'user-42',
      state: {},
    }
    const result = await adapter.fetchResult(session, config())
    expect(result).toMatchObject({ final: true, outcome: 'passed', raw: APPROVED_RESULT })
    expect(result.summary).toEqual({
      result: 'approved',
      similarity: 0.93,
      live: true,
      documentType: 'id',
      person: {
        firstName: 'NINO',
        lastName: 'KAPANADZE',
        birthday: '1990-04-12',
        citizenship: 'GEO',
        nationality: 'GEO',
        sex: 'F',
        documentNumber: '12AB34567',
        documentExpires: '2031-01-01',
        personalNumber: '01001012345',
        status: 'OK',
      },
      questionnaires: [{ key: 'source_of_funds', questions: [{ key: 'salary', answer: 'yes' }] }],
    })
  })

  it('sends the launch language instead of the flow’s first one', async () => {
    await adapter.launch(launchInput(IDENTOMAT_FLOW, config(), { language: 'ka' }))
    expect(plain.begun[0]!.flags).toMatchObject({ language: 'ka' })
  })

  it('maps rejected to failed and any other result to not final', async () => {
    const { providerRef } = await adapter.launch(launchInput(IDENTOMAT_FLOW, config()))
    const session = { id: 'x', providerRef, externalUserId: 'u', state: {} }
    plain.result = {
      result: 'rejected',
      similarity: 0.2,
      live: true,
      reject_reason: { value: 'face_mismatch', description: 'Faces do not match' },
    }
    expect(await adapter.fetchResult(session, config())).toMatchObject({
      final: true,
      outcome: 'failed',
      summary: { rejectReason: { value: 'face_mismatch', description: 'Faces do not match' } },
    })
    plain.result = { result: 'manual_check' }
    expect(await adapter.fetchResult(session, config())).toMatchObject({
      final: false,
      outcome: null,
      summary: { result: 'manual_check' },
    })
  })

  describe('HMAC', () => {
    it('signs the exact request bytes and accepts a correctly signed answer', async () => {
      const launched = await adapter.launch(launchInput(IDENTOMAT_FLOW, signedConfig()))
      expect(signed.tokens.has(launched.providerRef!)).toBe(true)
      const request = signed.requests[0]!
      const expected = createHmac('sha256', SECRET_KEY).update(request.body).digest('base64')
      expect(request.headers.authorization).toBe(`signature="${expected}"`)
      const session = { id: 'x', providerRef: launched.providerRef, externalUserId: 'u', state: {} }
      expect((await adapter.fetchResult(session, signedConfig())).outcome).toBe('passed')
    })

    it('rejects a successful answer with a bad or missing signature', async () => {
      for (const mode of ['bad-signature', 'unsigned'] as const) {
        signed.signing = mode
        const error = await rejection(adapter.launch(launchInput(IDENTOMAT_FLOW, signedConfig())))
        expect(error).toMatchObject({ status: 502, code: 'PROVIDER_UNAVAILABLE' })
        expect(error.message).toMatch(/signature/)
      }
    })

    it('is refused by Identomat when signed with the wrong secret', async () => {
      const wrong = signedConfig()
      wrong.credentials.secret_key = 'not-the-secret'
      const error = await rejection(adapter.launch(launchInput(IDENTOMAT_FLOW, wrong)))
      expect(error).toMatchObject({ status: 502, code: 'PROVIDER_REJECTED' })
      expect(error.message).toContain('invalid signature')
    })
  })

  describe('faults', () => {
    it('4xx → PROVIDER_REJECTED with the provider’s code; a wrong key is refused', async () => {
      plain.failNext('4xx')
      const refused = await rejection(adapter.launch(launchInput(IDENTOMAT_FLOW, config())))
      expect(refused).toMatchObject({ status: 502, code: 'PROVIDER_REJECTED' })
      expect(refused.message).toBe('identomat: begin was refused (HTTP 400) (provider code steps)')
      const wrongKey = { ...config(), credentials: { company_key: 'wrong' } }
      const unauthorised = await rejection(adapter.launch(launchInput(IDENTOMAT_FLOW, wrongKey)))
      expect(unauthorised.message).toContain('HTTP 401')
    })

    it('never retries begin: 5xx, timeouts and malformed bodies are PROVIDER_UNAVAILABLE after one call', async () => {
      for (const mode of ['5xx', 'slow', 'malformed'] as const) {
        plain.reset()
        plain.mode = mode
        const error = await rejection(impatient.launch(launchInput(IDENTOMAT_FLOW, config())))
        expect(error).toMatchObject({ status: 502, code: 'PROVIDER_UNAVAILABLE' })
        expect(plain.count('begin'), mode).toBe(1)
      }
      plain.mode = 'ok'
    })

    it('retries result fetches with backoff, within a bound', async () => {
      const { providerRef } = await adapter.launch(launchInput(IDENTOMAT_FLOW, config()))
      const session = { id: 'x', providerRef, externalUserId: 'u', state: {} }
      plain.failNext('5xx', 2)
      expect((await adapter.fetchResult(session, config())).outcome).toBe('passed')
      expect(plain.count('result')).toBe(3)
      plain.failNext('slow', 3)
      const error = await rejection(impatient.fetchResult(session, config()))
      expect(error.code).toBe('PROVIDER_UNAVAILABLE')
      expect(error.message).toMatch(/timed out/)
      expect(plain.count('result')).toBe(6)
    })

    it('needs a company key before calling anyone', async () => {
      const error = await rejection(
        adapter.launch(launchInput(IDENTOMAT_FLOW, { ...config(), credentials: {} })),
      )
      expect(error).toMatchObject({ status: 422, code: 'PROVIDER_NOT_CONFIGURED' })
      expect(plain.count('begin')).toBe(0)
    })
  })

  describe('callbacks', () => {
    const withKey = (): ProviderConfig => ({
      ...config(),
      credentials: { company_key: COMPANY_KEY, callback_api_key: CALLBACK_KEY },
    })
    const event = {
      callbackApiKey: CALLBACK_KEY,
      type: 'one-time-password-request',
      sessionId: 'sess-1',
      text: 'Your code is 123456',
      phoneNumber: '+995555000000',
    }
    const call = (body: unknown, cfg = withKey()) =>
      adapter.handleCallback!({ headers: {}, body, ip: '203.0.113.1' }, cfg)

    it('authenticates callbackApiKey in constant time and returns the event without a result', async () => {
      const outcome = await call(event)
      expect(outcome).toEqual({
        providerRef: 'sess-1',
        eventId: expect.stringMatching(/^identomat:[0-9a-f]{64}$/),
      })
      expect((await call({ ...event })).eventId).toBe(outcome.eventId)
      expect((await call({ ...event, text: 'Your code is 654321' })).eventId).not.toBe(
        outcome.eventId,
      )
    })

    it('refuses missing or wrong keys (401) and malformed bodies (400)', async () => {
      const { callbackApiKey: _k, ...keyless } = event
      expect(await rejection(call(keyless))).toMatchObject({ status: 401 })
      expect(await rejection(call({ ...event, callbackApiKey: 'nope' }))).toMatchObject({
        status: 401,
      })
      expect(await rejection(call(event, config()))).toMatchObject({
        status: 401,
        code: 'CALLBACK_NOT_CONFIGURED',
      })
      expect(await rejection(call('text'))).toMatchObject({ status: 400 })
      expect(await rejection(call([event]))).toMatchObject({ status: 400 })
      expect(await rejection(call({ ...event, type: 5 }))).toMatchObject({ status: 400 })
    })
  })

  it('tests the connection and says a test session was created', async () => {
    const ok = await adapter.testConnection(config(), { returnUrl: 'https://v.example/' })
    expect(ok).toMatchObject({ ok: true, status: 200 })
    expect(ok.message).toMatch(/test session was created/)
    expect(JSON.stringify(ok)).not.toContain([...plain.tokens][0])
    plain.failNext('401')
    expect(
      await adapter.testConnection(config(), { returnUrl: 'https://v.example/' }),
    ).toMatchObject({
      ok: false,
      status: 401,
    })
  })

  it('never logs credentials, signatures or tokens', async () => {
    const { logger, lines } = capturingLogger()
    const logged = testAdapters({ logger }).identomat
    const launched = await logged.launch(launchInput(IDENTOMAT_FLOW, signedConfig()))
    signed.failNext('5xx')
    await logged.fetchResult(
      { id: 'x', providerRef: launched.providerRef, externalUserId: 'u', state: {} },
      signedConfig(),
    )
    signed.failNext('401')
    await rejection(logged.launch(launchInput(IDENTOMAT_FLOW, signedConfig())))
    expect(lines.length).toBeGreaterThan(2)
    const text = lines.join('\n')
    for (const secret of [COMPANY_KEY, SECRET_KEY, launched.providerRef!, 'signature='])
      expect(text).not.toContain(secret)
  })
})
