import type { AppContext } from '../../common/context.ts'
import type { RouteDef } from '../../common/http/route.ts'
import { FunnelQuery, FunnelResponse } from './funnel.schemas.ts'
import { FunnelService } from './funnel.service.ts'

/**
 * `/flows/:id/versions/:n/funnel`: where the people being verified drop off in one version
 * (permission sessions:read: it counts sessions). Under /flows by its address only; the flows
 * feature does not serve it.
 */
export function funnelRoutes(ctx: AppContext): RouteDef[] {
  const funnel = new FunnelService(ctx)
  return [
    {
      method: 'get',
      path: '/flows/:id/versions/:n/funnel',
      access: 'sessions:read',
      tag: 'sessions',
      summary:
        'Funnel of a published version: launched → started → each step reached → completed → decided, with drop-off and median time per step (test sessions excluded)',
      query: FunnelQuery,
      responses: { 200: { description: 'The funnel', schema: FunnelResponse } },
      handler: async (req, res) => {
        const query = req.query as FunnelQuery
        res.set('Cache-Control', 'private, no-store')
        res.json({
          data: await funnel.funnel(String(req.params.id), String(req.params.n), query),
        })
      },
    },
  ]
}
