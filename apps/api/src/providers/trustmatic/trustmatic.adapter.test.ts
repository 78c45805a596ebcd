import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  SHORT_TIMEOUT_MS,
  TRUSTMATIC_FLOW,
  launchInput,
  testAdapters,
} from '../../../test/fakes/fixtures.ts'
import { RESULT_PATH, TrustmaticFake } from '../../../test/fakes/trustmatic-fake.ts'
import { capturingLogger } from '../../../test/support/users.ts'
import type { ProviderConfig } from '../provider.types.ts'
import { enrolmentLaunchUrl, jwtExpiry } from './trustmatic.launch-url.ts'

const USERNAME = 'acme-enrolment'
const PASSWORD = 'p4ss:w0rd-with-colon'

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, 'expected a rejection').toBeDefined()
  return error as { status: number; code: string; message: string }
}

describe('Trustmatic adapter against the contract fake', () => {
  const fake = new TrustmaticFake({ username: USERNAME, password: PASSWORD })
  const adapter = testAdapters().trustmatic
  const config = (options: Record<string, unknown> = {}): ProviderConfig => ({
    baseUrl: fake.url,
    options,
    credentials: { username: USERNAME, password: PASSWORD },
  })

  beforeAll(async () => {
    await fake.start()
  })
  afterAll(async () => fake.close())
  beforeEach(() => fake.reset())

  it('initializes with Basic auth and our session id, and appends the compiled URL parameters', async () => {
    const input = launchInput(TRUSTMATIC_FLOW, config())
    const launched = await adapter.launch(input)
    const session = fake.sessions.get(input.sessionId)!
    expect(session.body).toEqual({
      sessionId: input.sessionId,
      returnUrl: input.returnUrl,
      externalId: 'user-42',
      skipIntegrityCheck: true,
    })
    expect(fake.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')}`,
    )
    expect(launched.launchUrl).toBe(
      `${fake.url}/web-enrolment/?token=${session.accessToken}&iframe=true&lang=en-US&crossDevice=false&onlyMobile=true`,
    )
    expect(launched.providerRef).toBe(input.sessionId)
    expect(launched.expiresAt.getTime()).toBe(jwtExpiry(session.accessToken)!.getTime())
    expect(launched.state).toEqual({
      integrationMode: 'iframe',
      expiryInferred: false,
      accessToken: session.accessToken,
    })
  })

  it('infers a 60-minute expiry when the token is not a JWT, and keeps an existing query', async () => {
    fake.tokens = 'opaque'
    fake.extraQuery = '&tenant=acme'
    const before = Date.now()
    const launched = await adapter.launch(launchInput(TRUSTMATIC_FLOW, config()))
    expect(launched.state).toMatchObject({ expiryInferred: true })
    expect(launched.expiresAt.getTime() - before).toBeGreaterThanOrEqual(60 * 60_000 - 1000)
    expect(launched.launchUrl).toMatch(/\?token=opaque-[^&]+&tenant=acme&iframe=true&lang=en-US&/)
  })

  it('has no result API unless a result path is configured', async () => {
    const input = launchInput(TRUSTMATIC_FLOW, config())
    const { state, providerRef } = await adapter.launch(input)
    const session = { id: input.sessionId, providerRef, externalUserId: 'user-42', state: state! }
    expect(await adapter.fetchResult(session, config())).toEqual({
      final: false,
      outcome: null,
      summary: {
        note: 'Trustmatic publishes no result API; completion comes from the redirect or iframe event',
      },
      raw: null,
    })
    const withPath = config({ resultPath: `${RESULT_PATH}/{sessionId}` })
    for (const [decision, outcome] of [
      ['HIGH', 'passed'],
      ['MEDIUM', 'review_needed'],
      ['LOW', 'failed'],
    ] as const) {
      fake.decision = decision
      expect(await adapter.fetchResult(session, withPath)).toMatchObject({
        final: true,
        outcome,
        summary: { decision },
      })
    }
    fake.decision = 'HIGH'
    fake.failNext('5xx', 2)
    expect((await adapter.fetchResult(session, withPath)).outcome).toBe('passed')
    expect(fake.count('result')).toBe(6)
    expect(adapter.handleCallback).toBeUndefined()
  })

  it('maps faults: 401 carries the error code, initialize is never retried', async () => {
    const wrong = { ...config(), credentials: { username: USERNAME, password: 'nope' } }
    const refused = await rejection(adapter.launch(launchInput(TRUSTMATIC_FLOW, wrong)))
    expect(refused.message).toBe(
      'trustmatic: initialize was refused (HTTP 401) (provider code SESSION_UNAUTHORIZED)',
    )
    const impatient = testAdapters({ timeoutMs: SHORT_TIMEOUT_MS }).trustmatic
    for (const mode of ['5xx', 'slow', 'malformed'] as const) {
      fake.reset()
      fake.failNext(mode)
      const error = await rejection(impatient.launch(launchInput(TRUSTMATIC_FLOW, config())))
      expect(error, mode).toMatchObject({ status: 502, code: 'PROVIDER_UNAVAILABLE' })
      expect(fake.count('initialize')).toBe(1)
    }
    const missing = await rejection(
      adapter.launch(
        launchInput(TRUSTMATIC_FLOW, { ...config(), credentials: { username: USERNAME } }),
      ),
    )
    expect(missing).toMatchObject({ status: 422, code: 'PROVIDER_NOT_CONFIGURED' })
    expect(missing.message).toContain('credentials.password')
  })

  it('never sends a user name with ":" (stored before it was checked): it would split elsewhere', async () => {
    fake.reset()
    const colon = { ...config(), credentials: { username: 'acme:ops', password: PASSWORD } }
    const refused = await rejection(adapter.launch(launchInput(TRUSTMATIC_FLOW, colon)))
    expect(refused).toMatchObject({ status: 422, code: 'PROVIDER_NOT_CONFIGURED' })
    expect(refused.message).toContain('credentials.username')
    expect(refused.message).not.toContain('acme:ops')
    expect(fake.requests).toHaveLength(0)
  })

  it('tests the connection with a fresh GUID, never logging the credentials or the token', async () => {
    const { logger, lines } = capturingLogger()
    const logged = testAdapters({ logger }).trustmatic
    const ok = await logged.testConnection(config(), { returnUrl: 'https://veriflow.example/' })
    expect(ok).toMatchObject({ ok: true, status: 200 })
    const [sessionId, session] = [...fake.sessions.entries()][0]!
    expect(session.body).toMatchObject({ returnUrl: 'https://veriflow.example/' })
    fake.failNext('401')
    expect(
      await logged.testConnection(config(), { returnUrl: 'https://v.example/' }),
    ).toMatchObject({
      ok: false,
      status: 401,
    })
    const text = lines.join('\n')
    expect(lines.length).toBeGreaterThan(0)
    for (const secret of [
      PASSWORD,
      session.accessToken,
      sessionId,
      Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64'),
    ])
      expect(text).not.toContain(secret)
  })
})

describe('enrolmentLaunchUrl', () => {
  const params = { iframe: 'true', lang: 'en-US' }
  it('appends to an existing query, starts one, and keeps a fragment last', () => {
    expect(enrolmentLaunchUrl('https://t.example/web-enrolment/?token=a.b-c_d', params)).toBe(
      'https://t.example/web-enrolment/?token=a.b-c_d&iframe=true&lang=en-US',
    )
    expect(enrolmentLaunchUrl('https://t.example/web-enrolment/', params)).toBe(
      'https://t.example/web-enrolment/?iframe=true&lang=en-US',
    )
    expect(enrolmentLaunchUrl('https://t.example/e/?', params)).toBe(
      'https://t.example/e/?iframe=true&lang=en-US',
    )
    expect(enrolmentLaunchUrl('https://t.example/e/?token=x#step', params)).toBe(
      'https://t.example/e/?token=x&iframe=true&lang=en-US#step',
    )
    expect(enrolmentLaunchUrl('https://t.example/e/?token=x&iframe=true', params)).toBe(
      'https://t.example/e/?token=x&iframe=true&lang=en-US',
    )
    expect(enrolmentLaunchUrl('https://t.example/e/?token=x', {})).toBe(
      'https://t.example/e/?token=x',
    )
  })

  it('reads exp from the documented example token', () => {
    const example =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXNzaW9uSWQiOiI1MzU2YTA4Yi03NzIzLTQzOTgtYTgyNi00MTc4ZGFiYzZjMjkiLCJ0ZW5hbnQiOiJyb290IiwibmJmIjoxNjY2MjY0NzIxLCJleHAiOjE2NjYyNjgzMjF9.nbyhHhv2Yl2kjp9pfYKw3wOwv4rLFE4ZgTCPYj9Esk4'
    expect(jwtExpiry(example)).toEqual(new Date(1666268321 * 1000))
    expect(jwtExpiry('not-a-jwt')).toBeUndefined()
    expect(jwtExpiry(undefined)).toBeUndefined()
  })
})
