import { createHmac, timingSafeEqual } from 'node:crypto'

/** base64(HMAC-SHA256(secret_key, body)) — Identomat's HMAC authorization (providers.md §3.2). */
export function identomatSignature(secretKey: string, body: Buffer | string): string {
  return createHmac('sha256', secretKey).update(body).digest('base64')
}

/** The `Authorization` header of a signed request. */
export function signatureHeader(secretKey: string, body: Buffer | string): string {
  return `signature="${identomatSignature(secretKey, body)}"`
}

/** True when `header` is `signature="<base64>"` over exactly `body` with `secretKey`. */
export function signatureValid(
  secretKey: string,
  body: Buffer | string,
  header: string | null | undefined,
): boolean {
  const match = /^\s*signature\s*=\s*"([A-Za-z0-9+/=]+)"\s*$/.exec(header ?? '')
  if (!match) return false
  const given = Buffer.from(match[1]!, 'base64')
  const expected = Buffer.from(identomatSignature(secretKey, body), 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
