import { Type } from '@sinclair/typebox'
import { sql } from 'kysely'
import type { AppContext } from '../../common/context.ts'
import type { RouteDef } from '../../common/http/route.ts'

const Health = Type.Object({
  data: Type.Object({
    status: Type.Literal('ok'),
    database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  }),
})

export function healthRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/health',
      access: 'public',
      tag: 'health',
      summary: 'Liveness and database check',
      responses: { 200: { description: 'The API and its database answer', schema: Health } },
      handler: async (_req, res) => {
        await sql`select 1`.execute(ctx.db)
        res.json({ data: { status: 'ok', database: ctx.database.kind } })
      },
    },
  ]
}
