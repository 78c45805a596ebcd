import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'

/** Path segments that are credentials (runner tokens, setup/invite tokens) are masked in logs. */
const SECRET_SEGMENTS = /\/(r|runner)\/(?:continue\/)?[^/?]+/g

/** The URL as logged: the query string dropped and token segments masked. */
export function loggableUrl(url: string | undefined): string {
  return (url ?? '').split('?')[0]!.replace(SECRET_SEGMENTS, '/$1/***')
}

/** The request's id: its `X-Request-Id` when that is sane, else a new one; sent back as such. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id']
  const id =
    typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID()
  res.setHeader('X-Request-Id', id)
  return id
}

/**
 * Request logs with a request id (reused from `X-Request-Id` when it is sane). Only method, URL
 * (see loggableUrl), status and timing are logged: never headers, cookies or bodies, so
 * passwords, tokens and provider secrets cannot reach the log.
 */
export function requestLogger(logger: Logger) {
  // Request lines are logged at info, warn or error: a logger that writes none of them
  // (LOG_LEVEL silent or fatal) would only build a child logger per request for nothing.
  if (!logger.isLevelEnabled('error'))
    return (req: IncomingMessage & { id?: unknown }, res: ServerResponse, next: () => void) => {
      req.id = requestId(req, res)
      next()
    }
  return pinoHttp({
    logger,
    genReqId: requestId,
    // The serializers below read only what they log, straight from the request and response.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({
        id: req.id,
        method: req.method,
        url: loggableUrl(req.url),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  })
}
