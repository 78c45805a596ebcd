import { randomBytes } from 'node:crypto'
import express, { type Request, type Response, type Router } from 'express'
import type { AppContext } from '../../common/context.ts'
import { recordSessionEvent } from '../sessions/session-lifecycle.ts'
import * as repo from './callbacks.repository.ts'
import { callbacksService } from './callbacks.router.ts'
import { schedulePollNow } from './result-polls.repository.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ERROR_CODE = /^[A-Za-z0-9_.:-]{1,64}$/
const UNSUCCESSFUL = new Set(['error', 'expired', 'abandoned'])

/** What the provider's redirect said (OneKYC only; the others send nothing). */
interface Reported {
  status?: 'COMPLETED' | 'ERROR'
  errorCode?: string
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name]
  return typeof value === 'string' ? value : undefined
}

/**
 * OneKYC's redirect parameters (`status`, `partner_session_id`, `error_code`). They come through
 * the browser, so they are recorded, never trusted: the session changes only on a fetched or
 * authenticated result.
 */
function reportedBy(req: Request, sessionId: string, target: string): Reported {
  if (target !== 'iab') return {}
  const partnerSessionId = queryString(req, 'partner_session_id')
  if (partnerSessionId !== undefined && partnerSessionId.toLowerCase() !== sessionId) return {}
  const status = queryString(req, 'status')
  const errorCode = queryString(req, 'error_code')
  return {
    ...(status === 'COMPLETED' || status === 'ERROR' ? { status } : {}),
    ...(errorCode !== undefined && ERROR_CODE.test(errorCode) ? { errorCode } : {}),
  }
}

/** An http(s) URL the user may be sent to, or undefined. */
function safeUrl(value: string | null): URL | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined
  } catch {
    return undefined
  }
}

/** A recorded launching origin (`scheme://host[:port]` exactly), or undefined. */
function safeOrigin(value: string | null): string | undefined {
  const url = safeUrl(value)
  return url && url.origin === value ? value : undefined
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

interface PageModel {
  sessionId: string
  status: 'COMPLETED' | 'ERROR'
  errorCode: string | undefined
  origin: string | undefined
}

/** The tiny page shown when there is no return URL (status announced to screen readers). */
function renderPage(model: PageModel, nonce: string): string {
  const heading =
    model.status === 'COMPLETED'
      ? 'Thank you, you are done.'
      : 'The verification could not be completed.'
  const message = {
    type: model.status === 'COMPLETED' ? 'veriflow:completed' : 'veriflow:error',
    sessionId: model.sessionId,
    status: model.status,
    errorCode: model.errorCode ?? null,
  }
  // JSON inside a script: escape "<" so no value can close the script element.
  const data = JSON.stringify({ origin: model.origin ?? null, message }).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} – Veriflow</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;color:#1a1a1a;background:#fff}main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.4rem}</style>
</head>
<body>
<main role="status" aria-live="polite">
<h1>${escapeHtml(heading)}</h1>
<p>You can close this window.</p>
${model.errorCode ? `<p>Reference: <code>${escapeHtml(model.errorCode)}</code></p>` : ''}
</main>
<script nonce="${nonce}">
(function () {
  var d = ${data};
  if (d.origin && window.parent && window.parent !== window) window.parent.postMessage(d.message, d.origin);
})();
</script>
</body>
</html>`
}

function notFound(res: Response): void {
  res
    .status(404)
    .type('html')
    .set('Cache-Control', 'no-store')
    .send(
      '<!doctype html><html lang="en"><title>Not found</title><main><h1>This link is not valid.</h1></main></html>',
    )
}

/**
 * `GET /r/return/:sessionId`: where providers send the user back (mounted outside /api: browsers
 * land here). Records the return, makes the result fetch due now, then redirects to the
 * integrator's return URL with `status`, `session_id` and `error_code` — or, without one, shows
 * a page that tells an embedding page (the recorded launching origin only, never '*').
 */
export function returnPageRouter(ctx: AppContext): Router {
  const router = express.Router()
  const callbacks = callbacksService(ctx)
  router.get('/r/return/:sessionId', async (req, res) => {
    const raw = String(req.params.sessionId)
    if (!UUID.test(raw)) return notFound(res)
    const id = raw.toLowerCase()
    const session = await repo.findReturnSession(ctx.db, id)
    if (!session) return notFound(res)
    const reported = reportedBy(req, id, session.target)
    const scheduled = await ctx.db.transaction().execute(async (trx) => {
      // Once: a reload (or anyone holding the link) does not grow the timeline.
      if (!(await repo.hasEvent(trx, id, 'user.returned')))
        await recordSessionEvent(trx, id, 'user.returned', { ...reported })
      return schedulePollNow(trx, id)
    })
    if (scheduled) await callbacks.wakePollers()

    const failed = reported.status === 'ERROR' || UNSUCCESSFUL.has(session.status)
    const errorCode =
      reported.errorCode ??
      session.error_code ??
      (session.status === 'expired' ? 'SESSION_EXPIRED' : failed ? 'ERROR' : undefined)
    const status = failed ? 'ERROR' : 'COMPLETED'
    res.set('Cache-Control', 'no-store')

    const target = safeUrl(session.return_url)
    if (target) {
      target.searchParams.set('status', status)
      target.searchParams.set('session_id', id)
      if (failed && errorCode) target.searchParams.set('error_code', errorCode)
      return res.redirect(303, target.toString())
    }
    const origin = safeOrigin(session.launch_origin)
    const nonce = randomBytes(16).toString('base64')
    res.removeHeader('X-Frame-Options')
    res.set(
      'Content-Security-Policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors ${origin ?? "'self'"}`,
    )
    res
      .type('html')
      .send(
        renderPage(
          { sessionId: id, status, errorCode: failed ? errorCode : undefined, origin },
          nonce,
        ),
      )
  })
  return router
}
