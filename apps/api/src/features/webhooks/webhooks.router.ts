import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import { requestActor, uuidParam } from '../../common/http/request.ts'
import type { RouteDef } from '../../common/http/route.ts'
import {
  CreateWebhookBody,
  DeliveryList,
  ListDeliveriesQuery,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookList,
  WebhookWithSecret,
} from './webhooks.schemas.ts'
import { WebhooksService } from './webhooks.service.ts'

const One = Type.Object({ data: Webhook })
const WithSecret = Type.Object({ data: WebhookWithSecret })
const OneDelivery = Type.Object({ data: WebhookDelivery })

/** `/webhooks`: outgoing webhooks and their delivery log (permission settings:manage). */
export function webhooksRoutes(ctx: AppContext): RouteDef[] {
  const webhooks = new WebhooksService(ctx)
  const base = { access: 'settings:manage', tag: 'webhooks' } as const
  return [
    {
      ...base,
      method: 'get',
      path: '/webhooks',
      summary: 'List webhooks (never their secrets)',
      responses: { 200: { description: 'Every webhook', schema: WebhookList } },
      handler: async (_req, res) => {
        res.json({ data: await webhooks.list() })
      },
    },
    {
      ...base,
      method: 'post',
      path: '/webhooks',
      summary: 'Create a webhook; the answer shows its signing secret, once',
      body: CreateWebhookBody,
      responses: { 201: { description: 'The webhook and its secret', schema: WithSecret } },
      handler: async (req, res) => {
        const created = await webhooks.create(req.body as CreateWebhookBody, requestActor(req))
        res.status(201).set('Cache-Control', 'no-store').json({ data: created })
      },
    },
    {
      ...base,
      method: 'patch',
      path: '/webhooks/:id',
      summary: 'Change a webhook’s URL, events or active flag',
      body: UpdateWebhookBody,
      responses: { 200: { description: 'The webhook', schema: One } },
      handler: async (req, res) => {
        const id = uuidParam(req, 'id', 'webhook')
        res.json({
          data: await webhooks.update(id, req.body as UpdateWebhookBody, requestActor(req)),
        })
      },
    },
    {
      ...base,
      method: 'delete',
      path: '/webhooks/:id',
      summary: 'Delete a webhook with its queued deliveries and delivery log',
      responses: { 204: { description: 'Deleted' } },
      handler: async (req, res) => {
        await webhooks.remove(uuidParam(req, 'id', 'webhook'), requestActor(req))
        res.status(204).end()
      },
    },
    {
      ...base,
      method: 'post',
      path: '/webhooks/:id/rotate-secret',
      summary: 'Replace the signing secret; the answer shows the new one, once',
      responses: { 200: { description: 'The webhook and its new secret', schema: WithSecret } },
      handler: async (req, res) => {
        const rotated = await webhooks.rotateSecret(
          uuidParam(req, 'id', 'webhook'),
          requestActor(req),
        )
        res.set('Cache-Control', 'no-store').json({ data: rotated })
      },
    },
    {
      ...base,
      method: 'post',
      path: '/webhooks/:id/test',
      summary: 'Queue a webhook.test event for this webhook',
      responses: { 202: { description: 'The queued delivery', schema: OneDelivery } },
      handler: async (req, res) => {
        const delivery = await webhooks.sendTest(uuidParam(req, 'id', 'webhook'), requestActor(req))
        res.status(202).json({ data: delivery })
      },
    },
    {
      ...base,
      method: 'get',
      path: '/webhooks/:id/deliveries',
      summary: 'The delivery log: each delivery’s status, attempts, last status or error',
      query: ListDeliveriesQuery,
      responses: {
        200: { description: 'A page of deliveries, newest first', schema: DeliveryList },
      },
      handler: async (req, res) => {
        const id = uuidParam(req, 'id', 'webhook')
        res.json(await webhooks.deliveries(id, req.query as unknown as ListDeliveriesQuery))
      },
    },
    {
      ...base,
      method: 'post',
      path: '/webhooks/deliveries/:id/retry',
      summary:
        'Send a delivery again now (pending, delivered or failed), with a fresh attempt budget',
      responses: { 202: { description: 'The requeued delivery', schema: OneDelivery } },
      handler: async (req, res) => {
        const delivery = await webhooks.retry(String(req.params.id), requestActor(req))
        res.status(202).json({ data: delivery })
      },
    },
  ]
}
