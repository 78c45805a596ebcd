/** One entry of the API's error envelope (validation entries carry a JSON-pointer path). */
export interface ApiIssue {
  code: string
  message: string
  path?: string
  severity?: 'error' | 'warning'
}

/** Every failed API call becomes this: the HTTP status, the first code and all issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[],
    /** The whole error body (e.g. `current` on a 409). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
  }

  /** True when the request never reached the API (offline, server down). */
  get isNetworkError(): boolean {
    return this.status === 0
  }
}

export interface HttpOptions {
  /** JSON-serialised, except a Blob, which is sent as is with its own type (an image upload). */
  body?: unknown
  query?: Record<string, string | number | boolean | undefined | null>
  headers?: Record<string, string>
  signal?: AbortSignal
}

export interface HttpResult<T> {
  data: T
  nextCursor?: string
  headers: Headers
}

let csrfToken: string | undefined
let onUnauthorized: (() => void) | undefined

/** Set by the auth store after login / `GET /auth/me`; sent on every mutating request. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token
}

/** Called when the API answers 401 (the session ended): the app sends the user to login. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler
}

function url(path: string, query: HttpOptions['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return `/api${path}${search ? `?${search}` : ''}`
}

/**
 * The one place the console talks to the API: unwraps `{ data, nextCursor }`, sends the CSRF
 * token on mutations, and turns every failure into an ApiError.
 */
export async function http<T>(
  method: string,
  path: string,
  options: HttpOptions = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  const raw = typeof Blob !== 'undefined' && options.body instanceof Blob ? options.body : undefined
  if (options.body !== undefined)
    headers['Content-Type'] = raw ? raw.type || 'application/octet-stream' : 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let response: Response
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError(0, 'NETWORK_ERROR', 'cannot reach the Veriflow API', [
      { code: 'NETWORK_ERROR', message: 'cannot reach the Veriflow API' },
    ])
  }
  const text = await response.text()
  let payload: Record<string, unknown> = {}
  try {
    payload = text ? (JSON.parse(text) as Record<string, unknown>) : {}
  } catch {
    // Not JSON (a proxy's error page): no envelope; the status speaks for itself.
  }
  if (!response.ok) {
    const issues = Array.isArray(payload.errors)
      ? (payload.errors as ApiIssue[])
      : [{ code: 'HTTP_' + response.status, message: response.statusText || 'request failed' }]
    if (response.status === 401) onUnauthorized?.()
    throw new ApiError(
      response.status,
      issues[0]?.code ?? 'UNKNOWN',
      issues[0]?.message ?? 'request failed',
      issues,
      payload,
    )
  }
  return {
    data: payload.data as T,
    nextCursor: payload.nextCursor as string | undefined,
    headers: response.headers,
  }
}
