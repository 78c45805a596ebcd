import type { RouteDef } from '../../common/http/route.ts'
import { buildOpenApi } from './openapi.ts'

/** `GET /openapi.json`; the HTML viewer is mounted by the app at `/api/docs`. */
export function docsRoutes(routes: () => readonly RouteDef[]): RouteDef[] {
  let document: Record<string, unknown> | undefined
  return [
    {
      method: 'get',
      path: '/openapi.json',
      access: 'public',
      tag: 'docs',
      summary: 'This API as an OpenAPI 3.1 document',
      responses: { 200: { description: 'The OpenAPI document' } },
      handler: (_req, res) => {
        document ??= buildOpenApi(routes())
        res.json(document)
      },
    },
  ]
}
