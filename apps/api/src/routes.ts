import type { AppContext } from './common/context.ts'
import type { RouteDef } from './common/http/route.ts'
import { apiKeysRoutes } from './features/api-keys/api-keys.router.ts'
import { appSettingsRoutes } from './features/app-settings/app-settings.router.ts'
import { auditRoutes } from './features/audit/audit.router.ts'
import { authRoutes } from './features/auth/auth.router.ts'
import { callbacksRoutes } from './features/callbacks/callbacks.router.ts'
import { docsRoutes } from './features/docs/docs.router.ts'
import { flowsRoutes } from './features/flows/flows.router.ts'
import { funnelRoutes } from './features/funnel/funnel.router.ts'
import { healthRoutes } from './features/health/health.router.ts'
import { launchesRoutes } from './features/launches/launches.router.ts'
import { providerSettingsRoutes } from './features/provider-settings/provider-settings.router.ts'
import { runnerRoutes } from './features/runner/runner.router.ts'
import { savedViewsRoutes } from './features/saved-views/saved-views.router.ts'
import { sessionsRoutes } from './features/sessions/sessions.router.ts'
import { templatesRoutes } from './features/templates/templates.router.ts'
import { validationRoutes } from './features/validation/validation.router.ts'
import { usersRoutes } from './features/users/users.router.ts'
import { webhooksRoutes } from './features/webhooks/webhooks.router.ts'

/**
 * Every API route, from every feature. The app mounts these, the OpenAPI document describes
 * them, and the route × role test walks them.
 */
export function apiRoutes(ctx: AppContext): RouteDef[] {
  const routes: RouteDef[] = [
    ...docsRoutes(() => routes),
    ...healthRoutes(ctx),
    ...auditRoutes(ctx),
    ...authRoutes(ctx),
    ...usersRoutes(ctx),
    ...apiKeysRoutes(ctx),
    ...flowsRoutes(ctx),
    ...templatesRoutes(ctx),
    ...validationRoutes(ctx),
    ...appSettingsRoutes(ctx),
    ...launchesRoutes(ctx),
    ...sessionsRoutes(ctx),
    ...savedViewsRoutes(ctx),
    ...funnelRoutes(ctx),
    ...runnerRoutes(ctx),
    ...providerSettingsRoutes(ctx),
    ...webhooksRoutes(ctx),
    ...callbacksRoutes(ctx),
  ]
  return routes
}
