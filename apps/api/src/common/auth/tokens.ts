import { hash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A random token, base64url, with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/**
 * SHA-256 hex of a high-entropy secret (tokens and key secrets are stored only as this). The
 * one-shot `hash` costs about half of `createHash` for inputs this small, and every
 * authenticated request computes one.
 */
export function sha256(value: string): string {
  return hash('sha256', value, 'hex')
}

/** Constant-time string comparison. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

const API_KEY_PATTERN = /^vfk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/

/** An API key as shown once to its owner: `vfk_<id without dashes>_<secret>`. */
export function formatApiKey(id: string, secret: string): string {
  return `vfk_${id.replace(/-/g, '')}_${secret}`
}

/** Splits an API key into its row id and secret, or undefined when it is not one. */
export function parseApiKey(value: string): { id: string; secret: string } | undefined {
  const match = API_KEY_PATTERN.exec(value)
  if (!match) return undefined
  const hex = match[1]!
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  return { id, secret: match[2]! }
}
