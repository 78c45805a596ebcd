import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'

/** Compares two secrets in constant time (their lengths do not leak either: both are hashed). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** A stable id for an inbound event: a hash of its body (secrets removed first). */
export function eventIdOf(provider: string, body: unknown): string {
  return `${provider}:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`
}

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything else as it is. */
function plainIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
}

/** Why an allow-list entry (an IP address or a CIDR range) is unusable, or undefined. */
export function allowListEntryProblem(entry: string): string | undefined {
  const [address, prefix, extra] = entry.split('/')
  const family = isIP(address ?? '')
  if (family === 0 || extra !== undefined) return 'is not an IP address or CIDR range'
  if (prefix === undefined) return undefined
  const bits = Number(prefix)
  if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128))
    return 'has an invalid prefix length'
  return undefined
}

/** True when `ip` is one of `entries` (addresses or CIDR ranges; invalid entries match nothing). */
export function ipAllowed(ip: string | undefined, entries: readonly string[]): boolean {
  if (!ip) return false
  const address = plainIp(ip)
  const family = isIP(address)
  if (family === 0) return false
  const list = new BlockList()
  for (const entry of entries) {
    if (allowListEntryProblem(entry)) continue
    const [base, prefix] = entry.split('/') as [string, string | undefined]
    const type = isIP(base) === 4 ? 'ipv4' : 'ipv6'
    if (prefix === undefined) list.addAddress(base, type)
    else list.addSubnet(base, Number(prefix), type)
  }
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6')
}
