import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** The header that carries the signature of a webhook request. */
export const SIGNATURE_HEADER = 'X-Veriflow-Signature'

/**
 * A new webhook secret: 32 random bytes, base64url, with a `whsec_` prefix. The HMAC key is the
 * whole string as shown (UTF-8), prefix included.
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

/** The secret box context of a webhook's secret: a sealed secret only opens for its webhook. */
export function webhookSealContext(webhookId: string): string {
  return `webhook:${webhookId}`
}

/**
 * The signature header value: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`,
 * where `body` is the exact request body sent.
 */
export function signWebhookBody(secret: string, body: string, timestamp: number): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
  return `t=${timestamp},v1=${digest}`
}

/**
 * What a receiver does (and what the tests use): parse `t` and every `v1`, recompute the HMAC
 * over `t + "." + body`, compare in constant time, and refuse timestamps older (or newer) than
 * `toleranceSeconds` to stop replays.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  if (!header) return false
  const parts = header.split(',').map((part) => part.trim().split('='))
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1])
  const signatures = parts.filter(([key]) => key === 'v1').map(([, value]) => value ?? '')
  if (!Number.isInteger(timestamp) || signatures.length === 0) return false
  const now = options.now ?? Math.floor(Date.now() / 1000)
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false
  const expected = Buffer.from(signWebhookBody(secret, body, timestamp).split('v1=')[1]!, 'hex')
  return signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex')
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
}
