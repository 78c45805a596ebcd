import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Request, type Response, type Router } from 'express'
import { DEFAULT_CONSOLE_DIR } from './console-static.ts'

export interface RunnerPageOptions {
  /**
   * The origin that launched a launch link's session (it may frame the page and receives its
   * postMessage), or undefined. @default none: the page may only be framed by this origin
   */
  embedOriginOf?: (token: string) => Promise<string | undefined>
}

/** `frame-ancestors` of a CSP header value replaced (or added) with `sources`. */
export function withFrameAncestors(csp: string, sources: string): string {
  const directives = csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !/^frame-ancestors(\s|$)/i.test(d))
  return [...directives, `frame-ancestors ${sources}`].join('; ')
}

/**
 * Serves the end-user runner page (the console build's runner.html) at `/r/<token>` and
 * `/r/continue/<token>`, never cached. A launch link's page may be framed by the origin that
 * launched its session (embedded use, helmet's CSP otherwise says 'self' only); a continuation
 * link opens on a phone and is not framed. `/r/return/*` is left to the API's return page.
 * Returns no handlers when the console has not been built.
 */
export function runnerPage(
  dir: string = DEFAULT_CONSOLE_DIR,
  options: RunnerPageOptions = {},
): Router[] {
  const page = join(dir, 'runner.html')
  if (!existsSync(page)) return []
  const router = express.Router()
  const send = (res: Response, embedOrigin?: string) => {
    res.set('Cache-Control', 'no-cache')
    res.set('Referrer-Policy', 'no-referrer')
    if (embedOrigin) {
      const csp = String(res.getHeader('Content-Security-Policy') ?? "default-src 'self'")
      res.set('Content-Security-Policy', withFrameAncestors(csp, `'self' ${embedOrigin}`))
      res.removeHeader('X-Frame-Options')
    }
    res.sendFile(page)
  }
  router.get('/r/continue/:token', (_req, res) => send(res))
  router.get('/r/:token', async (req: Request, res, next) => {
    const token = String(req.params.token)
    if (token === 'return' || token === 'continue') return next()
    send(res, await options.embedOriginOf?.(token))
  })
  return [router]
}
