import type { RequestHandler } from 'express'
import swaggerUi from 'swagger-ui-express'

/** The API reference page (Swagger UI served from this server, no CDN), reading /api/openapi.json. */
export function docsViewer(): RequestHandler[] {
  return [
    ...swaggerUi.serve,
    swaggerUi.setup(undefined, {
      swaggerOptions: { url: '/api/openapi.json' },
      customSiteTitle: 'Veriflow API',
    }),
  ]
}
