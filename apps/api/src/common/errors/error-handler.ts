import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from 'pino'
import { AppError, type ErrorEntry } from './app-error.ts'

/** Errors raised by body-parser and friends carry an HTTP status and a type. */
interface HttpishError {
  status?: number
  statusCode?: number
  type?: string
  expose?: boolean
}

function fromHttpError(
  error: HttpishError & Error,
): { status: number; entry: ErrorEntry } | undefined {
  const status = error.status ?? error.statusCode
  if (!status || status < 400 || status >= 500) return undefined
  if (error.type === 'entity.parse.failed')
    return {
      status: 400,
      entry: { code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' },
    }
  if (error.type === 'entity.too.large')
    return {
      status: 413,
      entry: { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' },
    }
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported')
    return { status: 415, entry: { code: 'UNSUPPORTED_ENCODING', message: error.message } }
  return {
    status,
    entry: { code: 'BAD_REQUEST', message: error.expose ? error.message : 'bad request' },
  }
}

/**
 * Maps every error to the envelope `{ errors: [ { code, message, path? } ] }`. Unknown errors
 * are 500 with a generic message; their details only go to the log.
 */
export function errorHandler(logger: Logger, exposeStack: boolean): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof AppError) {
      res.status(error.status).json({ errors: error.entries, ...error.details })
      return
    }
    const http = fromHttpError(error as HttpishError & Error)
    if (http) {
      res.status(http.status).json({ errors: [http.entry] })
      return
    }
    logger.error({ err: error, requestId: req.id }, 'unhandled error')
    const entry: ErrorEntry & { stack?: string } = {
      code: 'INTERNAL',
      message: 'something went wrong on our side',
    }
    if (exposeStack && error instanceof Error) entry.stack = error.stack
    res.status(500).json({ errors: [entry] })
  }
}

/** Unknown routes get 404 in the same envelope. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res
    .status(404)
    .json({ errors: [{ code: 'ROUTE_NOT_FOUND', message: `no route ${req.method} ${req.path}` }] })
}
