import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A status, or a status with headers. */
export type Answer = number | { status: number; headers: Record<string, string> }

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders
  /** The exact bytes received (what the signature covers). */
  body: string
  /** The status answered. */
  status: number
}

/**
 * A webhook receiver on an ephemeral loopback port that records every request and answers with
 * whatever `respond` says (default 200). `respond` may return a promise (slow receivers).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = []
  respond: (request: ReceivedWebhook, index: number) => Answer | Promise<Answer> = () => 200
  private server: Server | undefined
  port = 0

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/veriflow`
  }

  /** Listens (on `port` when given: to come back where a webhook already points). */
  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (chunk: Buffer) => chunks.push(chunk))
      req.on('end', () => {
        const entry: ReceivedWebhook = {
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          status: 0,
        }
        const index = this.received.length
        this.received.push(entry)
        void Promise.resolve(this.respond(entry, index)).then((answer) => {
          const { status, headers } =
            typeof answer === 'number' ? { status: answer, headers: {} } : answer
          entry.status = status
          res.writeHead(status, headers)
          res.end(status < 300 ? 'ok' : 'not now')
        })
      })
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
    return this
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Bodies of the requests answered 2xx, parsed. */
  delivered(): Array<{ id: string; type: string; data: Record<string, unknown> }> {
    return this.received
      .filter((r) => r.status >= 200 && r.status < 300)
      .map((r) => JSON.parse(r.body))
  }
}
