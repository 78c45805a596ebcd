import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'

/** Parses VERIFLOW_SECRET_KEY: 32 bytes as 64 hex characters or as base64. */
export function parseSecretKey(value: string): Buffer {
  const trimmed = value.trim()
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex')
  const decoded = Buffer.from(trimmed, 'base64')
  if (decoded.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(trimmed)) return decoded
  throw new Error(
    'VERIFLOW_SECRET_KEY must be 32 bytes, as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)',
  )
}

export interface EncryptionKey {
  key: Buffer
  /** Where the key came from: the environment, or the key file (path). */
  source: 'env' | string
}

/**
 * The key for data at rest: VERIFLOW_SECRET_KEY when set, otherwise `<dataDir>/secret.key`,
 * generated with mode 0600 on first start. Several instances sharing one PostgreSQL must all
 * be given the same VERIFLOW_SECRET_KEY.
 */
export function loadEncryptionKey(secretKey: string | undefined, dataDir: string): EncryptionKey {
  if (secretKey) return { key: parseSecretKey(secretKey), source: 'env' }
  const path = join(dataDir, 'secret.key')
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true })
    // Written in full to a private temporary file, then linked into place: the link either
    // creates the key file complete or fails because another process got there first.
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`
    writeFileSync(temporary, randomBytes(32).toString('base64') + '\n', { mode: 0o600 })
    try {
      linkSync(temporary, path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      unlinkSync(temporary)
    }
  }
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600)
  return { key: parseSecretKey(readFileSync(path, 'utf8')), source: path }
}
