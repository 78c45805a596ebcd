import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { urlProblem } from '@veriflow/schema'

/**
 * Addresses a webhook may not reach unless `WEBHOOK_ALLOW_PRIVATE_TARGETS=true`: loopback,
 * private (RFC 1918, ULA), link-local (cloud metadata lives at 169.254.169.254), carrier-grade
 * NAT, benchmarking, multicast, reserved and unspecified ranges. The URL is chosen by an admin
 * but fetched by the server, which must not become a way into the internal network.
 */
const NON_PUBLIC = new BlockList()
for (const [base, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC.addSubnet(base, prefix, 'ipv4')
for (const [base, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(base, prefix, 'ipv6')

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything else as it is. */
function unmapped(address: string): string {
  const lower = address.toLowerCase()
  return lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4 ? lower.slice(7) : address
}

/**
 * True for an IP address outside the public internet (see NON_PUBLIC). BlockList checks
 * IPv4-mapped IPv6 addresses (`::ffff:7f00:1`) against the IPv4 ranges too.
 */
export function isNonPublicAddress(address: string): boolean {
  const plain = unmapped(address)
  const family = isIP(plain)
  if (family === 0) return true
  return NON_PUBLIC.check(plain, family === 4 ? 'ipv4' : 'ipv6')
}

function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '')
  return name === 'localhost' || name.endsWith('.localhost')
}

/** The host of a URL without IPv6 brackets. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1')
}

/**
 * Why `value` cannot be a webhook URL, or undefined. An absolute https URL without credentials
 * or fragment; plain http only for localhost. A literal address (or `localhost`) outside the
 * public internet is refused unless private targets are allowed; names that merely resolve to
 * such addresses are refused when a delivery connects (see `guardedLookup`).
 */
export function webhookUrlProblem(value: string, allowPrivate: boolean): string | undefined {
  if (value.length > 2000) return 'is longer than 2000 characters'
  const problem = urlProblem(value)
  if (problem) return problem
  const url = new URL(value)
  const host = bareHost(url)
  const local = isLocalhostName(host) || (isIP(host) !== 0 && isNonPublicAddress(host))
  const loopback = isLocalhostName(host) || host === '::1' || unmapped(host).startsWith('127.')
  if (url.protocol === 'http:' && !loopback)
    return 'must use https (plain http is allowed for localhost only)'
  if (url.hash) return 'must not have a fragment'
  if (local && !allowPrivate)
    return 'points to a private or local network address; set WEBHOOK_ALLOW_PRIVATE_TARGETS=true to allow such targets'
  return undefined
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * A `lookup` for http(s).request that refuses to connect to a non-public address (DNS can
 * point a public-looking name anywhere, and can change after the URL was checked).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const list = addresses as LookupAddress[]
      const refused = allowPrivate ? undefined : list.find((a) => isNonPublicAddress(a.address))
      if (refused) {
        const denied = Object.assign(
          new Error(`${hostname} resolves to a non-public address (${refused.address})`),
          { code: 'EADDRNOTALLOWED' },
        )
        return callback(denied, [])
      }
      if ((options as { all?: boolean }).all) return callback(null, list)
      const first = list[0]
      if (!first) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), [])
      callback(null, first.address, first.family)
    })
  }
}
