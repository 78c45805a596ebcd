import type { Request, Response } from 'express'
import { AppError, BadRequestError } from '../../common/errors/app-error.ts'
import type { FlowDetailText } from './flows.model.ts'

const MAX_REVISION = 2 ** 31 - 1

/** `"<n>"`, `W/"<n>"` or a bare `<n>`; `*` (any revision) is null. */
function parseEntityTag(header: string): number | null {
  const text = header.trim()
  if (text === '*') return null
  const match = /^(?:W\/)?"?(\d{1,10})"?$/.exec(text)
  const revision = match ? Number(match[1]) : NaN
  if (!(revision >= 1 && revision <= MAX_REVISION))
    throw new BadRequestError(
      'INVALID_PRECONDITION',
      'If-Match must be the flow\'s ETag, "<revision>"',
      '/headers/if-match',
    )
  return revision
}

/** Routes without a body schema (restore) check `revision` here. */
function bodyRevision(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_REVISION)
    return value
  throw new BadRequestError(
    'INVALID_PRECONDITION',
    'revision must be a revision number',
    '/revision',
  )
}

/**
 * The revision the client based its change on: `If-Match: "<revision>"` or `revision` in the
 * body. Undefined when neither is sent; null for `If-Match: *`.
 */
export function expectedRevisionOf(req: Request): number | null | undefined {
  const header = req.get('if-match')
  const body = req.body as { revision?: unknown } | undefined
  const fromBody = body?.revision === undefined ? undefined : bodyRevision(body.revision)
  const fromHeader = header !== undefined ? parseEntityTag(header) : undefined
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody)
    throw new BadRequestError(
      'PRECONDITION_MISMATCH',
      'If-Match and revision name different revisions',
      '/revision',
    )
  return fromHeader !== undefined ? fromHeader : fromBody
}

/** Like expectedRevisionOf, but a write without a precondition is refused (428). */
export function requiredRevisionOf(req: Request): number | null {
  const expected = expectedRevisionOf(req)
  if (expected === undefined)
    throw new AppError(
      428,
      'PRECONDITION_REQUIRED',
      'send If-Match: "<revision>" (the ETag of GET /flows/:id) or revision in the body',
    )
  return expected
}

/** The draft's revision is its entity tag. */
export function setRevisionTag(res: Response, revision: number): void {
  res.set('ETag', `"${revision}"`)
}

const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Sends JSON text as it is, without Express's conditional-GET check: the draft's ETag names its
 * revision, but archiving or publishing changes the response without a new revision, so a 304
 * would be stale.
 */
export function sendJsonText(res: Response, status: number, json: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', JSON_TYPE)
  res.end(json)
}

/**
 * `{"data":<flow>}` for GET /flows/:id, the same fields in the same order as a FlowDetail, with
 * the draft's JSON text spliced in as the database gave it (never parsed, never re-serialised).
 */
export function flowDetailJson(flow: FlowDetailText): string {
  const { draftJson, issues, ...state } = flow
  const head = JSON.stringify(state)
  return `{"data":${head.slice(0, -1)},"draft":${draftJson},"issues":${JSON.stringify(issues)}}}`
}

export const IMMUTABLE = 'private, max-age=31536000, immutable'

/**
 * Sends a published version: immutable, so a client holding the content-hash ETag gets 304.
 * The permission check has run before this, for every request.
 */
export function sendVersion(
  req: Request,
  res: Response,
  version: { etag: string; body: string },
): void {
  res.setHeader('ETag', version.etag)
  res.setHeader('Cache-Control', IMMUTABLE)
  if (req.headers['if-none-match'] !== undefined && req.fresh) {
    res.statusCode = 304
    return void res.end()
  }
  sendJsonText(res, 200, version.body)
}
