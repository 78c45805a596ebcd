import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import { requestActor, uuidParam } from '../../common/http/request.ts'
import { principalOf, type RouteDef } from '../../common/http/route.ts'
import { ApiKey, CreateApiKeyBody, CreatedApiKey } from './api-keys.schemas.ts'
import { ApiKeysService } from './api-keys.service.ts'

/** `/api-keys`: every user's own keys (permission keys:own). */
export function apiKeysRoutes(ctx: AppContext): RouteDef[] {
  const keys = new ApiKeysService(ctx)
  const base = { access: 'keys:own', tag: 'api-keys' } as const
  return [
    {
      ...base,
      method: 'get',
      path: '/api-keys',
      summary: 'List your API keys (never their secrets)',
      responses: {
        200: { description: 'Your keys', schema: Type.Object({ data: Type.Array(ApiKey) }) },
      },
      handler: async (req, res) => {
        res.json({ data: await keys.list(principalOf(req)) })
      },
    },
    {
      ...base,
      method: 'post',
      path: '/api-keys',
      summary: 'Create an API key within your role; the key is shown only in this answer',
      body: CreateApiKeyBody,
      responses: {
        201: { description: 'The key', schema: Type.Object({ data: CreatedApiKey }) },
      },
      handler: async (req, res) => {
        const body = req.body as CreateApiKeyBody
        const created = await keys.create(principalOf(req), body, requestActor(req))
        res.status(201).set('Cache-Control', 'no-store').json({ data: created })
      },
    },
    {
      ...base,
      method: 'delete',
      path: '/api-keys/:id',
      summary: 'Revoke one of your API keys (it stops working at once)',
      responses: { 200: { description: 'The revoked key', schema: Type.Object({ data: ApiKey }) } },
      handler: async (req, res) => {
        const id = uuidParam(req, 'id', 'API key')
        res.json({ data: await keys.revoke(principalOf(req), id, requestActor(req)) })
      },
    },
  ]
}
