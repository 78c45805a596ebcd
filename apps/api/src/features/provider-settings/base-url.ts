import { urlProblem } from '@veriflow/schema'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Why `value` cannot be a provider URL, or undefined: an absolute https URL with a host (plain
 * http only for this machine), without credentials or a fragment — and, for a base URL that
 * paths are appended to, without a query string.
 */
export function providerUrlProblem(value: string, kind: 'base' | 'endpoint'): string | undefined {
  const problem = urlProblem(value)
  if (problem) return problem
  const url = new URL(value)
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname))
    return 'must use https (plain http is allowed for localhost only)'
  if (url.hash) return 'must not have a fragment'
  if (kind === 'base' && url.search) return 'must not have a query string'
  return undefined
}

/** A base URL as stored: without trailing slashes (paths are appended to it). */
export function normaliseBaseUrl(value: string): string {
  return value.trim().replace(/\/+$/, '')
}
