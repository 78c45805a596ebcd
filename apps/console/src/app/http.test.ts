import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, http, setCsrfToken, setUnauthorizedHandler } from './http.ts'

interface Call {
  url: string
  init: RequestInit
}

let calls: Call[]

function answer(status: number, body: unknown, contentType = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      return new Response(status === 204 ? null : text, {
        status,
        headers: { 'Content-Type': contentType },
      })
    }),
  )
}

function headersOf(call: Call | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>
}

beforeEach(() => {
  calls = []
  setCsrfToken(undefined)
  setUnauthorizedHandler(() => undefined)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('http: success envelope', () => {
  it('unwraps { data } and passes nextCursor on', async () => {
    answer(200, { data: [{ id: 'a' }], nextCursor: 'next-1' })
    const result = await http<Array<{ id: string }>>('GET', '/flows')
    expect(result.data).toEqual([{ id: 'a' }])
    expect(result.nextCursor).toBe('next-1')
  })

  it('prefixes /api and drops empty query values', async () => {
    answer(200, { data: [] })
    await http('GET', '/flows', {
      query: { q: 'kyc lite', archived: 'false', cursor: '', x: null },
    })
    expect(calls[0]?.url).toBe('/api/flows?q=kyc+lite&archived=false')
  })

  it('sends JSON bodies with a Content-Type, and none without a body', async () => {
    answer(201, { data: { id: 'f1' } })
    await http('POST', '/flows', { body: { name: 'New' } })
    expect(calls[0]?.init.body).toBe('{"name":"New"}')
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json')
    await http('POST', '/flows/f1/unarchive')
    expect(calls[1]?.init.body).toBeUndefined()
    expect(headersOf(calls[1])['Content-Type']).toBeUndefined()
  })

  it('sends a Blob as the raw body with its own type (image uploads)', async () => {
    answer(201, { data: { id: 'm1' } })
    const image = new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' })
    await http('POST', '/runner/t/steps/s/media', { body: image, query: { kind: 'selfie' } })
    expect(calls[0]?.init.body).toBe(image)
    expect(headersOf(calls[0])['Content-Type']).toBe('image/jpeg')
  })

  it('accepts an empty body', async () => {
    answer(204, '')
    const result = await http('DELETE', '/api-keys/k1')
    expect(result.data).toBeUndefined()
  })
})

describe('http: CSRF', () => {
  it('sends the token on every mutating method and never on reads', async () => {
    answer(200, { data: null })
    setCsrfToken('csrf-123')
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) await http(method, '/flows/x')
    await http('GET', '/flows')
    await http('HEAD', '/flows')
    const sent = calls.map((call) => headersOf(call)['X-CSRF-Token'])
    expect(sent).toEqual(['csrf-123', 'csrf-123', 'csrf-123', 'csrf-123', undefined, undefined])
  })

  it('sends nothing once the token is cleared (after sign-out)', async () => {
    answer(200, { data: null })
    setCsrfToken('csrf-123')
    setCsrfToken(undefined)
    await http('POST', '/auth/login', { body: {} })
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined()
  })
})

describe('http: errors', () => {
  it('throws one ApiError with status, first code, all issues and the body', async () => {
    const errors = [
      { code: 'SCHEMA_TYPE', message: 'must be boolean', path: '/steps/1/flags/liveness' },
      { code: 'URL_INVALID', message: 'not an absolute URL', path: '/flags/return_url' },
    ]
    answer(422, { errors, current: { revision: 4 } })
    const error = await http('POST', '/flows/import', { body: {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(422)
    expect(apiError.code).toBe('SCHEMA_TYPE')
    expect(apiError.message).toBe('must be boolean')
    expect(apiError.issues).toEqual(errors)
    expect(apiError.body.current).toEqual({ revision: 4 })
    expect(apiError.isNetworkError).toBe(false)
  })

  it('makes an issue from the status when the body is not the envelope (a proxy page)', async () => {
    answer(502, '<html>Bad gateway</html>', 'text/html')
    const error = (await http('GET', '/flows').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(502)
    expect(error.code).toBe('HTTP_502')
    expect(error.issues).toHaveLength(1)
  })

  it('turns a failed fetch into a network ApiError (status 0)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch')
      }),
    )
    const error = (await http('GET', '/flows').catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.isNetworkError).toBe(true)
    expect(error.code).toBe('NETWORK_ERROR')
  })

  it('lets an abort through unchanged', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new DOMException('aborted', 'AbortError')
      }),
    )
    const error = (await http('GET', '/flows').catch((e: unknown) => e)) as Error
    expect(error).not.toBeInstanceOf(ApiError)
    expect(error.name).toBe('AbortError')
  })

  it('calls the unauthorized handler on 401, and only then', async () => {
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    answer(403, { errors: [{ code: 'FORBIDDEN', message: 'your role does not allow this' }] })
    await http('DELETE', '/flows/x').catch(() => undefined)
    expect(handler).not.toHaveBeenCalled()
    answer(401, { errors: [{ code: 'UNAUTHENTICATED', message: 'authentication required' }] })
    const error = (await http('GET', '/flows').catch((e: unknown) => e)) as ApiError
    expect(handler).toHaveBeenCalledOnce()
    expect(error.status).toBe(401)
    expect(error.code).toBe('UNAUTHENTICATED')
  })
})
