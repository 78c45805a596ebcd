import type { RequestHandler } from 'express'
import { AppError } from '../errors/app-error.ts'

function hasBody(headers: Record<string, unknown>): boolean {
  const length = headers['content-length']
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/**
 * A request body must be JSON: anything else is 415 (before the JSON parser sees it). A body a
 * route-specific parser has already read as bytes (runner captures) is left alone.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (hasBody(req.headers) && !Buffer.isBuffer(req.body) && !req.is('application/json'))
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
  next()
}
