import { asRecord, type Rule, type RuleContext } from './context.ts'

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Why `value` is not an acceptable absolute http(s) URL, or undefined when it is. */
export function urlProblem(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'is not an absolute URL'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `uses "${url.protocol}"; only http and https are allowed`
  if (!url.hostname) return 'has no host'
  if (url.username || url.password) return 'must not contain credentials'
  return undefined
}

/** True for a valid URL that uses plain http to a host other than this machine. */
function isInsecure(value: string): boolean {
  const url = new URL(value)
  return url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)
}

function checkUrl(ctx: RuleContext, value: unknown, path: string, emptyAllowed: boolean): void {
  if (typeof value !== 'string') return
  if (value === '' && emptyAllowed) return
  const problem = urlProblem(value)
  if (problem) ctx.report(path, 'URL_INVALID', `"${value}" ${problem}`)
  else if (isInsecure(value))
    ctx.report(path, 'URL_INSECURE', 'use https; providers may refuse plain http', 'warning')
}

/** URLs are absolute http(s) URLs with a host. */
export const urls: Rule = (ctx) => {
  const settings = asRecord(ctx.doc.settings)
  checkUrl(ctx, settings.returnUrl, '/settings/returnUrl', false)
  checkUrl(ctx, settings.switchDeviceUrl, '/settings/switchDeviceUrl', true)
  const iab = asRecord(asRecord(ctx.doc.targets).iab)
  checkUrl(ctx, iab.successRedirectionUrl, '/targets/iab/successRedirectionUrl', false)
  checkUrl(ctx, iab.failureRedirectionUrl, '/targets/iab/failureRedirectionUrl', false)
}
