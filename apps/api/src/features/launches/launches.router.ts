import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import { requestActor } from '../../common/http/request.ts'
import type { RouteDef } from '../../common/http/route.ts'
import { ProviderSettingsService } from '../provider-settings/provider-settings.service.ts'
import type { LaunchAdapters } from './launch-adapters.ts'
import { LaunchBody, LaunchResult } from './launches.schemas.ts'
import { LaunchesService } from './launches.service.ts'

export interface LaunchesRoutesOptions {
  /** Adapters by target (tests inject fakes). @default the context's adapters */
  adapters?: Partial<LaunchAdapters>
}

/** `/launches`: start a session of a flow version on a target (permission sessions:launch). */
export function launchesRoutes(ctx: AppContext, options: LaunchesRoutesOptions = {}): RouteDef[] {
  const launches = new LaunchesService({
    ...ctx,
    adapters: options.adapters ?? ctx.providers,
    providerConfig: new ProviderSettingsService(ctx),
  })
  return [
    {
      method: 'post',
      path: '/launches',
      access: 'sessions:launch',
      tag: 'sessions',
      summary:
        'Launch a session: pins a published version (or a draft, sandbox only) and returns the URL to send the user to',
      body: LaunchBody,
      responses: {
        201: { description: 'The session', schema: Type.Object({ data: LaunchResult }) },
        422: { description: 'The flow cannot be launched on this target (issues with paths)' },
        502: { description: 'The provider failed; the session is marked error' },
      },
      handler: async (req, res) => {
        const body = req.body as LaunchBody
        const launched = await launches.launch(
          { ...body, requestOrigin: req.get('origin') },
          requestActor(req),
        )
        res.status(201).set('Cache-Control', 'no-store').json({ data: launched })
      },
    },
  ]
}
