import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const VERSION = 'v1'
/** First byte of a binary sealed value (`encryptBytes`). */
const BINARY_VERSION = 1

/**
 * AES-256-GCM for data at rest (provider credentials, webhook secrets, media). Each value gets a
 * fresh 12-byte IV; the `context` is authenticated data, so a blob stored for one purpose (say
 * the Identomat credentials) cannot be moved to another and still decrypt.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the encryption key must be 32 bytes')
  }

  encrypt(plaintext: Buffer | string, context: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(Buffer.from(context))
    const data = Buffer.concat([
      cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext) : plaintext),
      cipher.final(),
    ])
    return [
      VERSION,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':')
  }

  decrypt(sealed: string, context: string): Buffer {
    const [version, iv, tag, data] = sealed.split(':')
    if (version !== VERSION || !iv || !tag || data === undefined)
      throw new Error('not a sealed value')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'))
    decipher.setAAD(Buffer.from(context))
    decipher.setAuthTag(Buffer.from(tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()])
  }

  encryptJson(value: unknown, context: string): string {
    return this.encrypt(JSON.stringify(value), context)
  }

  decryptJson<T>(sealed: string, context: string): T {
    return JSON.parse(this.decrypt(sealed, context).toString('utf8')) as T
  }

  /**
   * Binary sealing for large values such as media: one version byte, the 12-byte IV, the 16-byte
   * tag, then the ciphertext (no base64, so a bytea column holds it at its own size).
   */
  encryptBytes(plaintext: Buffer, context: string): Buffer {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(Buffer.from(context))
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()])
    return Buffer.concat([Buffer.from([BINARY_VERSION]), iv, cipher.getAuthTag(), data])
  }

  decryptBytes(sealed: Buffer, context: string): Buffer {
    if (sealed.length < 29 || sealed[0] !== BINARY_VERSION) throw new Error('not a sealed value')
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(1, 13))
    decipher.setAAD(Buffer.from(context))
    decipher.setAuthTag(sealed.subarray(13, 29))
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()])
  }

  /**
   * A 32-byte key for another purpose (e.g. signing runner tokens), derived with HKDF-SHA256 from
   * the encryption key: every instance sharing the encryption key derives the same one, and the
   * derived key says nothing about the encryption key.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), purpose, 32))
  }
}
