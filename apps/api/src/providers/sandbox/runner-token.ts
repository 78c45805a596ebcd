import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** What a runner token is for: the launch link, or the QR hand-off's continuation link. */
export type RunnerTokenPurpose = 'launch' | 'continue'

const VERSION = 1
const PURPOSES: Record<RunnerTokenPurpose, number> = { launch: 1, continue: 2 }
/** version, purpose, session uuid, expiry (unix seconds), nonce. */
const PAYLOAD_BYTES = 1 + 1 + 16 + 8 + 8
const MAC_BYTES = 32

export interface RunnerTokenClaims {
  purpose: RunnerTokenPurpose
  sessionId: string
  expiresAt: Date
}

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex')
}

function uuidText(bytes: Buffer): string {
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * Signed runner links: `<payload>.<HMAC-SHA256(key, payload)>`, both base64url. The payload
 * carries the session id, the purpose and the expiry, so a forged or altered token is refused
 * without a database read; the database keeps only the token's SHA-256, which makes a token
 * single-purpose and replaceable (a session accepts exactly the token whose hash it holds).
 */
export class RunnerTokens {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the runner token key must be at least 32 bytes')
  }

  issue(purpose: RunnerTokenPurpose, sessionId: string, expiresAt: Date): string {
    const payload = Buffer.alloc(PAYLOAD_BYTES)
    payload[0] = VERSION
    payload[1] = PURPOSES[purpose]
    uuidBytes(sessionId).copy(payload, 2)
    payload.writeBigUInt64BE(BigInt(Math.ceil(expiresAt.getTime() / 1000)), 18)
    randomBytes(8).copy(payload, 26)
    return `${payload.toString('base64url')}.${this.mac(payload).toString('base64url')}`
  }

  /** The token's claims when it is authentic and of `purpose` (expired or not), else undefined. */
  verify(purpose: RunnerTokenPurpose, token: string): RunnerTokenClaims | undefined {
    if (token.length > 200) return undefined
    const [encodedPayload, encodedMac, extra] = token.split('.')
    if (!encodedPayload || !encodedMac || extra !== undefined) return undefined
    const payload = Buffer.from(encodedPayload, 'base64url')
    const mac = Buffer.from(encodedMac, 'base64url')
    if (payload.length !== PAYLOAD_BYTES || mac.length !== MAC_BYTES) return undefined
    if (!timingSafeEqual(mac, this.mac(payload))) return undefined
    if (payload[0] !== VERSION || payload[1] !== PURPOSES[purpose]) return undefined
    return {
      purpose,
      sessionId: uuidText(payload.subarray(2, 18)),
      expiresAt: new Date(Number(payload.readBigUInt64BE(18)) * 1000),
    }
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(payload).digest()
  }
}
