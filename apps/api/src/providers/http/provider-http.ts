import type { Logger } from 'pino'
import { ProviderError } from '../provider-error.ts'

/** A ProviderError that remembers the provider's HTTP status (401 triggers a token refresh). */
export class ProviderHttpError extends ProviderError {
  constructor(
    kind: 'unavailable' | 'rejected',
    provider: string,
    message: string,
    providerCode: string | undefined,
    readonly httpStatus: number | null,
  ) {
    super(kind, provider, message, providerCode)
  }
}

export interface ProviderHttpOptions {
  logger: Logger
  /** Time allowed for one attempt, answer body included. @default 10000 */
  timeoutMs?: number
  /** Extra attempts for idempotent calls (never for others). @default 2 */
  retries?: number
  /** Wait before the first retry; it doubles for each next one. @default 250 */
  backoffMs?: number
  /** Largest answer accepted. @default 2 MiB */
  maxResponseBytes?: number
  /** For tests. @default globalThis.fetch */
  fetch?: typeof fetch
}

export interface ProviderCall {
  provider: string
  /** What the call is (partner token, begin, result, …), for messages and logs. */
  operation: string
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  /** The exact bytes sent (signatures are computed over them). */
  body?: string | Buffer
  /**
   * Safe to repeat (token and result fetches): retried with exponential backoff after timeouts,
   * network errors, 429 and 5xx. Calls that create something at the provider are never retried.
   */
  idempotent: boolean
  /** Reads the provider's own error code from an error answer. */
  errorCode?: (body: unknown) => string | undefined
}

export interface ProviderReply {
  status: number
  headers: Headers
  /** The exact bytes received (signatures are verified over them). */
  bytes: Buffer
  text: string
}

const DEFAULTS = { timeoutMs: 10_000, retries: 2, backoffMs: 250, maxResponseBytes: 2 << 20 }

/** Origin and path only: query strings never reach the log. */
function loggableUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.origin + parsed.pathname
  } catch {
    return '(invalid url)'
  }
}

/** A provider's error code as we repeat it: short and plain, whatever the provider sent. */
export function cleanCode(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined
  const text = String(value)
    .replace(/[^\w .:/-]/g, '')
    .trim()
    .slice(0, 120)
  return text === '' ? undefined : text
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

class Retryable extends Error {
  constructor(readonly failure: ProviderHttpError) {
    super(failure.message)
  }
}

async function readCapped(response: Response, limit: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) throw new RangeError('too large')
  if (!response.body) return Buffer.alloc(0)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response.body) {
    size += chunk.byteLength
    if (size > limit) throw new RangeError('too large')
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}

/**
 * Outbound calls to providers: a timeout on every attempt, bounded retries with exponential
 * backoff for idempotent calls only, no redirects followed, and one mapping of failures:
 * 4xx → PROVIDER_REJECTED with the provider's code; 5xx, timeouts, network errors and
 * oversized answers → PROVIDER_UNAVAILABLE. Only method, origin + path, status and timing are
 * logged — never headers or bodies.
 */
export class ProviderHttp {
  private readonly options: Required<Omit<ProviderHttpOptions, 'logger' | 'fetch'>>
  private readonly fetch: typeof fetch

  constructor(private readonly config: ProviderHttpOptions) {
    this.options = {
      timeoutMs: config.timeoutMs ?? DEFAULTS.timeoutMs,
      retries: config.retries ?? DEFAULTS.retries,
      backoffMs: config.backoffMs ?? DEFAULTS.backoffMs,
      maxResponseBytes: config.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    }
    this.fetch = config.fetch ?? globalThis.fetch
  }

  /** Sends `call`; resolves with a 2xx answer, throws ProviderHttpError otherwise. */
  async request(call: ProviderCall): Promise<ProviderReply> {
    const attempts = call.idempotent ? 1 + this.options.retries : 1
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(call, attempt)
      } catch (error) {
        if (!(error instanceof Retryable)) throw error
        if (attempt >= attempts) throw error.failure
        const wait = this.options.backoffMs * 2 ** (attempt - 1)
        this.config.logger.warn(
          { provider: call.provider, operation: call.operation, attempt, retryInMs: wait },
          `provider call failed, retrying: ${error.failure.message}`,
        )
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
    }
  }

  private async attempt(call: ProviderCall, attempt: number): Promise<ProviderReply> {
    const started = Date.now()
    const log = {
      provider: call.provider,
      operation: call.operation,
      method: call.method,
      url: loggableUrl(call.url),
      attempt,
    }
    const unavailable = (message: string, status: number | null, code?: string) =>
      new ProviderHttpError('unavailable', call.provider, message, code, status)
    let response: Response
    let bytes: Buffer
    try {
      response = await this.fetch(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      })
      bytes = await readCapped(response, this.options.maxResponseBytes)
    } catch (error) {
      const name = (error as { name?: string }).name
      const failure =
        name === 'TimeoutError' || name === 'AbortError'
          ? unavailable(`${call.operation} timed out after ${this.options.timeoutMs} ms`, null)
          : error instanceof RangeError
            ? unavailable(
                `${call.operation} answered more than ${this.options.maxResponseBytes} bytes`,
                null,
              )
            : unavailable(
                `${call.operation} failed: ${loggableUrl(call.url)} could not be reached`,
                null,
              )
      this.config.logger.warn({ ...log, ms: Date.now() - started }, failure.message)
      if (error instanceof RangeError) throw failure
      throw new Retryable(failure)
    }
    const status = response.status
    this.config.logger.debug({ ...log, status, ms: Date.now() - started }, 'provider call')
    const text = bytes.toString('utf8')
    if (status >= 200 && status < 300) return { status, headers: response.headers, bytes, text }
    const code = cleanCode(call.errorCode?.(tryJson(text)))
    if (status >= 300 && status < 400)
      throw unavailable(
        `${call.operation} answered an unexpected redirect (HTTP ${status})`,
        status,
      )
    if (status >= 400 && status < 500 && status !== 429)
      throw new ProviderHttpError(
        'rejected',
        call.provider,
        `${call.operation} was refused (HTTP ${status})`,
        code,
        status,
      )
    throw new Retryable(unavailable(`${call.operation} answered HTTP ${status}`, status, code))
  }
}

/** The JSON of an answer; a body that is not JSON is PROVIDER_UNAVAILABLE (malformed). */
export function replyJson(provider: string, operation: string, reply: ProviderReply): unknown {
  try {
    return JSON.parse(reply.text) as unknown
  } catch {
    throw malformed(provider, operation, 'is not JSON')
  }
}

/** PROVIDER_UNAVAILABLE for an answer that is not in the documented shape. */
export function malformed(provider: string, operation: string, what: string): ProviderHttpError {
  return new ProviderHttpError(
    'unavailable',
    provider,
    `${operation} answered a malformed body: ${what}`,
    undefined,
    null,
  )
}

/** True when `error` is the provider answering `status`. */
export function isHttpStatus(error: unknown, status: number): boolean {
  return error instanceof ProviderHttpError && error.httpStatus === status
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
