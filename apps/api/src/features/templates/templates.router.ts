import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import { NotFoundError } from '../../common/errors/app-error.ts'
import type { RouteDef } from '../../common/http/route.ts'
import { TemplatesService } from './templates.service.ts'

const TemplateSummary = Type.Object({
  id: Type.String({ description: 'Pass as `template` to POST /flows' }),
  name: Type.String(),
  description: Type.String(),
  stepCount: Type.Integer(),
})

export function templatesRoutes(_ctx: AppContext, templates = new TemplatesService()): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/templates',
      access: 'flows:read',
      tag: 'flows',
      summary: 'List the example flows a new flow can start from',
      responses: {
        200: {
          description: 'The templates',
          schema: Type.Object({ data: Type.Array(TemplateSummary) }),
        },
      },
      handler: (_req, res) => {
        res.json({ data: templates.list() })
      },
    },
    {
      method: 'get',
      path: '/templates/:id',
      access: 'flows:read',
      tag: 'flows',
      summary: 'Read one template, with its flow document (for a preview)',
      handler: (req, res) => {
        const template = templates.find(String(req.params.id))
        if (!template) throw new NotFoundError('template', 'TEMPLATE_NOT_FOUND')
        res.json({ data: template })
      },
    },
  ]
}
