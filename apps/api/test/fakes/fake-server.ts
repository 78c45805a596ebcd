import type { AddressInfo } from 'node:net'
import express, { type Express, type Request, type Response } from 'express'

/** How a fake answers: as documented, or with one of the faults our adapters must survive. */
export type FakeMode = 'ok' | '401' | '4xx' | '5xx' | 'slow' | 'malformed'

/** A request as the fake received it (exact body bytes kept, for signatures). */
export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/**
 * The common part of the contract fakes: an Express app on an ephemeral port that records every
 * request, counts them per operation, and answers in a mode that can be switched (for all calls,
 * or only for the next few).
 */
export class FakeServer {
  readonly app: Express = express()
  readonly requests: RecordedRequest[] = []
  readonly counts: Record<string, number> = {}
  /** The mode of every request without a queued fault. */
  mode: FakeMode = 'ok'
  /** How long a `slow` reply waits. */
  slowMs = 2_000
  url = ''
  private readonly queued: FakeMode[] = []
  private server: ReturnType<Express['listen']> | undefined

  constructor() {
    this.app.use(express.raw({ type: () => true, limit: '1mb' }))
    this.app.use((req, _res, next) => {
      this.requests.push({
        method: req.method,
        path: req.path,
        headers: { ...req.headers },
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      })
      next()
    })
  }

  /** The next `count` requests answer in `mode`; later ones in `this.mode` again. */
  failNext(mode: FakeMode, count = 1): void {
    for (let i = 0; i < count; i++) this.queued.push(mode)
  }

  /** Counts a call of `operation` and says which mode it is answered in. */
  take(operation: string): FakeMode {
    this.counts[operation] = (this.counts[operation] ?? 0) + 1
    return this.queued.shift() ?? this.mode
  }

  count(operation: string): number {
    return this.counts[operation] ?? 0
  }

  reset(): void {
    this.requests.length = 0
    this.queued.length = 0
    for (const key of Object.keys(this.counts)) delete this.counts[key]
    this.mode = 'ok'
  }

  /** Waits `slowMs` (then answers normally, far too late for our timeout). */
  async slow(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.slowMs))
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => {
      this.server = this.app.listen(0, '127.0.0.1', () => resolve())
    })
    const { port } = this.server!.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
    return this
  }

  async close(): Promise<void> {
    const server = this.server
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** The request body as JSON, or undefined when it is not JSON. */
export function jsonBody(req: Request): unknown {
  try {
    return JSON.parse((req.body as Buffer).toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

/** Sends a body that is not what the provider documents (truncated JSON). */
export function sendMalformed(res: Response): void {
  res.status(200).type('application/json').send('{"launchUrl": "http')
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isAbsoluteUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
