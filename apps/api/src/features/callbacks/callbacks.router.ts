import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import { requestActor, uuidParam } from '../../common/http/request.ts'
import type { RouteDef } from '../../common/http/route.ts'
import { CallbacksService } from './callbacks.service.ts'
import { providerAccess } from './provider-access.ts'
import { ResultPoller } from './result-poller.ts'

const Receipt = Type.Object({
  data: Type.Object({
    received: Type.Literal(true),
    duplicate: Type.Boolean({ description: 'Processed before: nothing changed this time' }),
    matched: Type.Boolean({ description: 'A session was found for the callback' }),
  }),
})

const DoneReport = Type.Object({
  data: Type.Object({
    sessionId: Type.String({ format: 'uuid' }),
    status: Type.String({ description: 'The session status after the fetch' }),
    fetch: Type.Union([Type.String(), Type.Null()], {
      description:
        'completed, pending, failed (provider unreachable; retried later), given_up, or null when no fetch ran (final already, or another worker is fetching)',
    }),
  }),
})

/** Builds the callbacks service of a context (routes and the return page share one). */
export function callbacksService(ctx: AppContext): CallbacksService {
  const providers = providerAccess(ctx)
  return new CallbacksService({
    db: ctx.db,
    database: ctx.database,
    logger: ctx.logger,
    providers,
    poller: new ResultPoller({ db: ctx.db, logger: ctx.logger, providers }),
  })
}

/**
 * Inbound provider signals: `POST /callbacks/:provider` (public: each adapter authenticates its
 * provider's callback as the provider allows) and `POST /sessions/:id/provider-done`.
 */
export function callbacksRoutes(ctx: AppContext): RouteDef[] {
  const callbacks = callbacksService(ctx)
  return [
    {
      method: 'post',
      path: '/callbacks/:provider',
      access: 'public',
      tag: 'callbacks',
      summary:
        'A provider’s callback (iab, identomat): authenticated per provider (401), checked (400), applied once per event (a repeat answers 200 and changes nothing)',
      responses: {
        200: { description: 'Processed (or recorded before)', schema: Receipt },
        400: { description: 'CALLBACK_MALFORMED / MALFORMED_JSON: not the documented shape' },
        401: { description: 'CALLBACK_UNAUTHENTICATED / CALLBACK_NOT_CONFIGURED' },
        404: { description: 'The provider sends no callbacks' },
      },
      handler: async (req, res) => {
        const receipt = await callbacks.receive(String(req.params.provider), {
          headers: req.headers,
          body: req.body,
          ip: req.ip,
        })
        res.json({ data: receipt })
      },
    },
    {
      method: 'post',
      path: '/sessions/:id/provider-done',
      access: 'sessions:launch',
      tag: 'sessions',
      summary:
        'Report that the provider’s page said it is done (Identomat "DONE", Trustmatic hasCompleted): the result is fetched now. Call it from your back end with the key that launched the session.',
      responses: { 200: { description: 'The session status after the fetch', schema: DoneReport } },
      handler: async (req, res) => {
        const id = uuidParam(req, 'id', 'session')
        res.json({ data: await callbacks.providerDone(id, requestActor(req)) })
      },
    },
  ]
}
