import cookieParser from 'cookie-parser'
import express, { type Express } from 'express'
import helmet from 'helmet'
import type { AppContext } from './common/context.ts'
import { errorHandler, notFoundHandler } from './common/errors/error-handler.ts'
import { mountRoutes } from './common/http/route.ts'
import { consoleStatic } from './common/middleware/console-static.ts'
import { createRateLimiter } from './common/middleware/rate-limit.ts'
import { requestLogger } from './common/middleware/request-logger.ts'
import { requireJsonBody } from './common/middleware/require-json.ts'
import { runnerPage } from './common/middleware/runner-page.ts'
import { returnPageRouter } from './features/callbacks/return-page.ts'
import { docsViewer } from './features/docs/docs-viewer.ts'
import { runnerTokensOf } from './features/launches/launch-adapters.ts'
import { RUNNER_MEDIA_PATH, runnerMediaBody } from './features/runner/runner-media.ts'
import { runnerEmbedOrigin } from './features/runner-page/runner-embed-origin.ts'
import { apiRoutes } from './routes.ts'

/** Builds the Express app (no `listen`): security headers, logs, limits, auth, the routes. */
export function createApp(ctx: AppContext): Express {
  const { config } = ctx
  const app = express()
  app.set('trust proxy', config.trustProxy)
  app.disable('x-powered-by')
  app.use(helmet())
  app.use(requestLogger(ctx.logger))
  app.use(cookieParser())

  const api = express.Router()
  api.use('/docs', ...docsViewer())
  if (config.rateLimitPerMinute > 0)
    api.use(createRateLimiter('api', config.rateLimitPerMinute, 60_000, ctx.rateLimitStore))
  // Runner captures are raw image bytes: read them (size-limited) before the JSON-only check.
  api.post(RUNNER_MEDIA_PATH, runnerMediaBody(runnerTokensOf(ctx)))
  api.use(requireJsonBody)
  api.use(express.json({ limit: config.bodyLimit, strict: false }))
  // The runner's links are its credentials; a console cookie in the same browser must not
  // turn its calls into CSRF-checked console requests. Provider callbacks authenticate
  // themselves: their Authorization header is the provider's (OneKYC's shared secret as a
  // bearer), not a Veriflow credential.
  api.use((req, res, next) =>
    req.path.startsWith('/runner/') || req.path.startsWith('/callbacks/')
      ? next()
      : ctx.authenticator.middleware(req, res, next),
  )
  mountRoutes(api, apiRoutes(ctx))
  api.use(notFoundHandler)
  app.use('/api', api)
  app.use(returnPageRouter(ctx))
  const runner = runnerPage(config.consoleDir, { embedOriginOf: runnerEmbedOrigin(ctx) })
  if (runner.length > 0) app.use(...runner)
  const console = consoleStatic(config.consoleDir)
  if (console.length > 0) app.use(...console)

  app.use(notFoundHandler)
  app.use(errorHandler(ctx.logger, config.env === 'development'))
  return app
}
