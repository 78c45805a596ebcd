const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname) || hostname.endsWith('.localhost')
}

/**
 * Why `value` cannot be a return URL, or undefined when it can: absolute https, or http for
 * localhost (development), without user:password.
 */
export function returnUrlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'must be an absolute URL'
  }
  if (url.username || url.password) return 'must not contain a user name or password'
  if (url.protocol === 'https:') return undefined
  if (url.protocol === 'http:' && isLocalHost(url.hostname)) return undefined
  return 'must use https (http only for localhost)'
}

/** The origin of an http(s) URL or Origin header value (https, or http for localhost), else undefined. */
export function originOf(value: string | undefined): string | undefined {
  if (!value || value === 'null') return undefined
  try {
    const url = new URL(value)
    if (url.username || url.password) return undefined
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname)))
      return url.origin
  } catch {
    // not a URL
  }
  return undefined
}

/** `url` with `params` added to its query (existing parameters of the same name replaced). */
export function withQuery(url: string, params: Record<string, string>): string {
  const parsed = new URL(url)
  for (const [name, value] of Object.entries(params)) parsed.searchParams.set(name, value)
  return parsed.toString()
}

/**
 * Veriflow's return page for a hosted provider's session: the provider sends the user here, and
 * the page forwards them to the integrator's return URL (or reports by postMessage).
 */
export function providerReturnUrl(publicUrl: string, sessionId: string): string {
  return `${publicUrl}/r/return/${sessionId}`
}
