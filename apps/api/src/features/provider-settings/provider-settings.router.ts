import type { AppContext } from '../../common/context.ts'
import { requestActor } from '../../common/http/request.ts'
import type { RouteDef } from '../../common/http/route.ts'
import {
  ConnectionTestResult,
  OneProviderSettings,
  ProviderSettingsList,
  UpdateProviderSettingsBody,
} from './provider-settings.schemas.ts'
import { ProviderSettingsService, providerParam } from './provider-settings.service.ts'

/** `/settings/providers`: hosts, options and write-only credentials (permission settings:manage). */
export function providerSettingsRoutes(ctx: AppContext): RouteDef[] {
  const settings = new ProviderSettingsService(ctx)
  const base = { access: 'settings:manage', tag: 'settings' } as const
  return [
    {
      ...base,
      method: 'get',
      path: '/settings/providers',
      summary:
        'Each provider’s base URL, options, which credentials are set, and what is still missing',
      responses: { 200: { description: 'The hosted providers', schema: ProviderSettingsList } },
      handler: async (_req, res) => {
        res.set('Cache-Control', 'no-store').json({ data: await settings.list() })
      },
    },
    {
      ...base,
      method: 'put',
      path: '/settings/providers/:provider',
      summary: 'Change a provider’s base URL, options or credentials (write-only; null clears one)',
      body: UpdateProviderSettingsBody,
      responses: { 200: { description: 'The provider’s settings', schema: OneProviderSettings } },
      handler: async (req, res) => {
        const provider = providerParam(req.params.provider)
        const body = req.body as UpdateProviderSettingsBody
        const data = await settings.update(provider, body, requestActor(req))
        res.set('Cache-Control', 'no-store').json({ data })
      },
    },
    {
      ...base,
      method: 'post',
      path: '/settings/providers/:provider/test',
      summary:
        'Test the connection: OneKYC issues a partner token; Identomat and Trustmatic create an unused test session',
      responses: {
        200: {
          description: '{ ok, status, message } (never a token)',
          schema: ConnectionTestResult,
        },
      },
      handler: async (req, res) => {
        const provider = providerParam(req.params.provider)
        res.json({ data: await settings.testConnection(provider, requestActor(req)) })
      },
    },
  ]
}
