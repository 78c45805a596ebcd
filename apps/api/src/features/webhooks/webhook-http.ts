import http from 'node:http'
import https from 'node:https'
import { guardedLookup } from './webhook-target.ts'

/** What the receiver answered (its body is read and dropped). */
export interface WebhookReply {
  status: number
  /** The Retry-After header, as sent (seconds or an HTTP date). */
  retryAfter: string | undefined
}

export interface PostOptions {
  headers: Record<string, string>
  timeoutMs: number
  allowPrivateTargets: boolean
}

/**
 * POSTs `body` and resolves with the status once the answer's headers arrive. Redirects are not
 * followed (a 3xx is an answer like any other). Rejects on connection errors, on a refused
 * (non-public) address and when the receiver takes longer than `timeoutMs` in total.
 */
export function postWebhook(url: URL, body: string, options: PostOptions): Promise<WebhookReply> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http
    const request = client.request(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allowPrivateTargets),
    })
    const deadline = setTimeout(
      () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      options.timeoutMs,
    )
    request.on('response', (response) => {
      const retryAfter = response.headers['retry-after']
      resolve({ status: response.statusCode ?? 0, retryAfter })
      // Drain what the receiver sends (bounded by the deadline), so the socket can be reused.
      response.on('close', () => clearTimeout(deadline))
      response.resume()
    })
    request.on('error', (error) => {
      clearTimeout(deadline)
      reject(error)
    })
    request.end(body)
  })
}
