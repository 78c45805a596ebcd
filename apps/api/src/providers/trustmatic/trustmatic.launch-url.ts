/**
 * `webEnrolmentUrl` with the compiled URL parameters (iframe, lang, crossDevice, onlyMobile)
 * appended to its query — its own `token` parameter kept byte for byte, a fragment kept last.
 */
export function enrolmentLaunchUrl(
  webEnrolmentUrl: string,
  parameters: Record<string, string>,
): string {
  const hashAt = webEnrolmentUrl.indexOf('#')
  const fragment = hashAt >= 0 ? webEnrolmentUrl.slice(hashAt) : ''
  const base = hashAt >= 0 ? webEnrolmentUrl.slice(0, hashAt) : webEnrolmentUrl
  const existing = new URL(base).searchParams
  const added = Object.entries(parameters)
    .filter(([name]) => !existing.has(name))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
  if (added.length === 0) return webEnrolmentUrl
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&'
  return `${base}${separator}${added.join('&')}${fragment}`
}

/** The `exp` of a JWT (unverified: it only sets our expiry), or undefined when it does not decode. */
export function jwtExpiry(token: string | undefined): Date | undefined {
  const payload = token?.split('.')[1]
  if (!payload) return undefined
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown
    const exp = (claims as { exp?: unknown } | null)?.exp
    return typeof exp === 'number' && Number.isFinite(exp) && exp > 0
      ? new Date(exp * 1000)
      : undefined
  } catch {
    return undefined
  }
}

/** The `token` query parameter of a web-enrolment URL (the same JWT as the access token). */
export function urlToken(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('token') ?? undefined
  } catch {
    return undefined
  }
}
