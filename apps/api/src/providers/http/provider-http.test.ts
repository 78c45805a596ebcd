import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FakeServer } from '../../../test/fakes/fake-server.ts'
import { ProviderHttp, type ProviderCall, type ProviderHttpError } from './provider-http.ts'

/** A provider that answers what the test queues: a status, a redirect or a huge body. */
class ScriptedProvider extends FakeServer {
  script: Array<number | 'redirect' | 'huge'> = []
  constructor() {
    super()
    this.app.all('/call', (_req, res) => {
      this.take('call')
      const next = this.script.shift() ?? 200
      if (next === 'redirect') res.redirect(302, '/elsewhere')
      else if (next === 'huge') res.json({ blob: 'x'.repeat(4096) })
      else res.status(next).json({ errors: [{ code: String(next) }] })
    })
    this.app.all('/elsewhere', (_req, res) => {
      this.take('elsewhere')
      res.json({})
    })
  }
}

describe('ProviderHttp', () => {
  const provider = new ScriptedProvider()
  const http = new ProviderHttp({
    logger: pino({ level: 'silent' }),
    timeoutMs: 1000,
    retries: 2,
    backoffMs: 20,
    maxResponseBytes: 1024,
  })
  const call = (idempotent: boolean, url = `${provider.url}/call`): ProviderCall => ({
    provider: 'test',
    operation: 'op',
    method: 'GET',
    url,
    idempotent,
    errorCode: (body) => (body as { errors?: Array<{ code: string }> })?.errors?.[0]?.code,
  })
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure')
      },
      (error: unknown) => error as ProviderHttpError,
    )

  beforeAll(async () => {
    await provider.start()
  })
  afterAll(async () => provider.close())
  beforeEach(() => provider.reset())

  it('retries idempotent calls after 5xx and 429 with exponential backoff, within a bound', async () => {
    provider.script = [503, 429]
    const started = Date.now()
    expect((await http.request(call(true))).status).toBe(200)
    expect(provider.count('call')).toBe(3)
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40)
    provider.script = [500, 500, 500, 200]
    const error = await failure(http.request(call(true)))
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', httpStatus: 500 })
    expect(error.message).toBe('test: op answered HTTP 500 (provider code 500)')
    expect(provider.count('call')).toBe(6)
  })

  it('never retries other calls, nor 4xx answers', async () => {
    provider.script = [503]
    expect(await failure(http.request(call(false)))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' })
    expect(provider.count('call')).toBe(1)
    provider.script = [404]
    expect(await failure(http.request(call(true)))).toMatchObject({
      code: 'PROVIDER_REJECTED',
      httpStatus: 404,
      providerCode: '404',
    })
    expect(provider.count('call')).toBe(2)
  })

  it('follows no redirects and refuses oversized answers', async () => {
    provider.script = ['redirect']
    expect((await failure(http.request(call(true)))).message).toContain(
      'unexpected redirect (HTTP 302)',
    )
    expect(provider.count('elsewhere')).toBe(0)
    provider.script = ['huge']
    expect((await failure(http.request(call(true)))).message).toContain('more than 1024 bytes')
    expect(provider.count('call')).toBe(2)
  })

  it('reports an unreachable host as PROVIDER_UNAVAILABLE without its query string', async () => {
    const error = await failure(http.request(call(false, 'http://127.0.0.1:1/call?secret=x')))
    expect(error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', httpStatus: null })
    expect(error.message).toBe('test: op failed: http://127.0.0.1:1/call could not be reached')
  })
})
