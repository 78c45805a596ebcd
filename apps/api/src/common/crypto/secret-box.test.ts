import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadEncryptionKey, parseSecretKey } from './encryption-key.ts'
import { SecretBox } from './secret-box.ts'

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32))

  it('round-trips values and never stores the plaintext', () => {
    const sealed = box.encryptJson({ company_key: 'ck_live_123' }, 'provider:identomat')
    expect(sealed).not.toContain('ck_live_123')
    expect(box.decryptJson(sealed, 'provider:identomat')).toEqual({ company_key: 'ck_live_123' })
    expect(box.encrypt('same', 'c')).not.toBe(box.encrypt('same', 'c'))
  })

  it('refuses a blob under another context, a tampered blob and another key', () => {
    const sealed = box.encrypt('secret', 'provider:iab')
    expect(() => box.decrypt(sealed, 'provider:identomat')).toThrow()
    const parts = sealed.split(':')
    parts[3] = Buffer.from('tampered').toString('base64')
    expect(() => box.decrypt(parts.join(':'), 'provider:iab')).toThrow()
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed, 'provider:iab')).toThrow()
  })
})

describe('SecretBox binary values and derived keys', () => {
  const box = new SecretBox(randomBytes(32))

  it('round-trips bytes, adds only 29 bytes and refuses another context or tampering', () => {
    const image = randomBytes(1000)
    const sealed = box.encryptBytes(image, 'media:s1')
    expect(sealed.length).toBe(1029)
    expect(box.decryptBytes(sealed, 'media:s1')).toEqual(image)
    expect(() => box.decryptBytes(sealed, 'media:s2')).toThrow()
    const tampered = Buffer.from(sealed)
    tampered[40] = tampered[40]! ^ 1
    expect(() => box.decryptBytes(tampered, 'media:s1')).toThrow()
    expect(() => box.decryptBytes(Buffer.from('short'), 'media:s1')).toThrow()
  })

  it('derives a stable key per purpose, different per purpose and per encryption key', () => {
    const key = randomBytes(32)
    const a = new SecretBox(key).deriveKey('runner-token')
    expect(a).toHaveLength(32)
    expect(new SecretBox(key).deriveKey('runner-token')).toEqual(a)
    expect(new SecretBox(key).deriveKey('otp')).not.toEqual(a)
    expect(new SecretBox(randomBytes(32)).deriveKey('runner-token')).not.toEqual(a)
    expect(a).not.toEqual(key)
  })
})

describe('loadEncryptionKey', () => {
  it('uses VERIFLOW_SECRET_KEY given as hex or base64', () => {
    const key = randomBytes(32)
    expect(parseSecretKey(key.toString('hex')).equals(key)).toBe(true)
    expect(parseSecretKey(key.toString('base64')).equals(key)).toBe(true)
    expect(() => parseSecretKey('too-short')).toThrow(/32 bytes/)
  })

  it('generates a 0600 key file on first start and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'veriflow-key-'))
    const first = loadEncryptionKey(undefined, join(dir, 'data'))
    const path = join(dir, 'data', 'secret.key')
    expect(first.source).toBe(path)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const second = loadEncryptionKey(undefined, join(dir, 'data'))
    expect(second.key.equals(first.key)).toBe(true)
    expect(readFileSync(path, 'utf8').trim()).toBe(first.key.toString('base64'))
  })
})
