import type { AppContext } from '../../common/context.ts'
import { requestActor } from '../../common/http/request.ts'
import type { RouteDef } from '../../common/http/route.ts'
import {
  CreateSavedViewBody,
  OneSavedView,
  SavedViewList,
  UpdateSavedViewBody,
} from './saved-views.schemas.ts'
import { SavedViewsService } from './saved-views.service.ts'

/**
 * `/saved-views`: the sessions-list filters a user keeps (permission sessions:read: a view is a
 * way of reading sessions). Built-in views come first and cannot be changed.
 */
export function savedViewsRoutes(ctx: AppContext): RouteDef[] {
  const views = new SavedViewsService(ctx)
  const base = { access: 'sessions:read', tag: 'saved-views' } as const
  return [
    {
      ...base,
      method: 'get',
      path: '/saved-views',
      summary: 'The built-in views, then your own (newest first)',
      responses: { 200: { description: 'Your views', schema: SavedViewList } },
      handler: async (req, res) => {
        res.set('Cache-Control', 'private, no-store')
        res.json({ data: await views.list(requestActor(req)) })
      },
    },
    {
      ...base,
      method: 'post',
      path: '/saved-views',
      summary: 'Save a sessions-list filter under a name (at most 50 views per user)',
      body: CreateSavedViewBody,
      responses: {
        201: { description: 'The view', schema: OneSavedView },
        409: { description: 'NAME_TAKEN or TOO_MANY_VIEWS' },
      },
      handler: async (req, res) => {
        const body = req.body as CreateSavedViewBody
        res.status(201).json({ data: await views.create(body, requestActor(req)) })
      },
    },
    {
      ...base,
      method: 'patch',
      path: '/saved-views/:id',
      summary: 'Rename a view of yours or change its filter',
      body: UpdateSavedViewBody,
      responses: {
        200: { description: 'The view', schema: OneSavedView },
        409: { description: 'BUILT_IN_VIEW or NAME_TAKEN' },
      },
      handler: async (req, res) => {
        const body = req.body as UpdateSavedViewBody
        res.json({ data: await views.update(String(req.params.id), body, requestActor(req)) })
      },
    },
    {
      ...base,
      method: 'delete',
      path: '/saved-views/:id',
      summary: 'Delete a view of yours',
      responses: { 204: { description: 'Deleted' }, 409: { description: 'BUILT_IN_VIEW' } },
      handler: async (req, res) => {
        await views.remove(String(req.params.id), requestActor(req))
        res.status(204).end()
      },
    },
  ]
}
