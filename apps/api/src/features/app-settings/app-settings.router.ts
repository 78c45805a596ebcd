import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import { requestActor } from '../../common/http/request.ts'
import type { RouteDef } from '../../common/http/route.ts'
import { AppSettings, UpdateAppSettingsBody } from './app-settings.schemas.ts'
import { AppSettingsService } from './app-settings.service.ts'

const One = Type.Object({ data: AppSettings })

/** `/settings/app`: four-eyes, reason templates, default session lifetime. */
export function appSettingsRoutes(ctx: AppContext): RouteDef[] {
  const settings = new AppSettingsService(ctx)
  return [
    {
      method: 'get',
      path: '/settings/app',
      access: 'authenticated',
      tag: 'settings',
      summary: 'The application settings (four-eyes, reason templates, default session lifetime)',
      responses: { 200: { description: 'The settings', schema: One } },
      handler: async (_req, res) => {
        res.set('Cache-Control', 'no-store').json({ data: await settings.get() })
      },
    },
    {
      method: 'put',
      path: '/settings/app',
      access: 'settings:manage',
      tag: 'settings',
      summary: 'Change application settings (absent fields are kept; templates per decision kind)',
      body: UpdateAppSettingsBody,
      responses: { 200: { description: 'The settings', schema: One } },
      handler: async (req, res) => {
        const body = req.body as UpdateAppSettingsBody
        res.json({ data: await settings.update(body, requestActor(req)) })
      },
    },
  ]
}
