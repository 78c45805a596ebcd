import { Type, type Static } from '@sinclair/typebox'
import { WEBHOOK_EVENT_TYPES } from './webhook-events.ts'

const EventType = Type.Unsafe<(typeof WEBHOOK_EVENT_TYPES)[number]>({
  type: 'string',
  enum: [...WEBHOOK_EVENT_TYPES],
})

const Events = Type.Array(EventType, {
  minItems: 1,
  uniqueItems: true,
  description: `Event types to receive: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
})

const Url = Type.String({
  minLength: 1,
  maxLength: 2000,
  description:
    'https URL (plain http for localhost only). Private and local network targets are refused unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true.',
})

/** A webhook as the API shows it: never its secret. */
export const Webhook = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type Webhook = Static<typeof Webhook>

/** A webhook with its signing secret: only in the answer that made the secret. */
export const WebhookWithSecret = Type.Object({
  webhook: Webhook,
  secret: Type.String({
    description:
      'Shown once. HMAC-SHA256 key for X-Veriflow-Signature (the whole string, whsec_ prefix included).',
  }),
})
export type WebhookWithSecret = Static<typeof WebhookWithSecret>

export const CreateWebhookBody = Type.Object(
  { url: Url, events: Events, active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)
export type CreateWebhookBody = Static<typeof CreateWebhookBody>

export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>

export const WebhookAttempt = Type.Object({
  at: Type.String({ format: 'date-time' }),
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer(),
})

export const WebhookDelivery = Type.Object({
  id: Type.String({ description: 'Also sent as X-Veriflow-Delivery' }),
  webhookId: Type.String({ format: 'uuid' }),
  eventId: Type.String({ format: 'uuid' }),
  eventType: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer({ description: 'Attempts since the delivery was queued (or retried)' }),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  attemptLog: Type.Array(WebhookAttempt, { description: 'The latest attempts, oldest first' }),
})
export type WebhookDelivery = Static<typeof WebhookDelivery>

export const ListDeliveriesQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
)
export type ListDeliveriesQuery = Static<typeof ListDeliveriesQuery>

export const WebhookList = Type.Object({ data: Type.Array(Webhook) })
export const DeliveryList = Type.Object({
  data: Type.Array(WebhookDelivery),
  nextCursor: Type.Optional(Type.String()),
})
