import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import type { RouteDef } from '../../common/http/route.ts'
import { listAudit, type AuditFilter } from './audit.repository.ts'

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(
      Type.String({ maxLength: 200, description: 'Actor id or part of its label (email).' }),
    ),
    action: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. flow.published' })),
    targetType: Type.Optional(Type.String({ maxLength: 50 })),
    targetId: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
)

export function auditRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/audit',
      access: 'audit:read',
      tag: 'audit',
      summary: 'List audit entries, newest first (filters: actor, action, target, date range)',
      query: AuditQuery,
      handler: async (req, res) => {
        res.json(await listAudit(ctx.db, req.query as unknown as AuditFilter))
      },
    },
  ]
}
