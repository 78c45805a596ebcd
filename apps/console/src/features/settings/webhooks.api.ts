import { http } from '../../app/http.ts'

/** An outgoing webhook (never its secret). */
export interface Webhook {
  id: string
  url: string
  events: string[]
  active: boolean
  createdAt: string
  updatedAt: string
}

/** The answer that made a signing secret: the only time it is shown. */
export interface WebhookWithSecret {
  webhook: Webhook
  secret: string
}

export interface WebhookAttempt {
  at: string
  statusCode: number | null
  error: string | null
  durationMs: number
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

/** One event sent (or being sent) to one webhook. */
export interface WebhookDelivery {
  id: string
  webhookId: string
  eventId: string
  eventType: string
  status: DeliveryStatus
  attempts: number
  nextAttemptAt: string | null
  lastStatus: number | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
  attemptLog: WebhookAttempt[]
}

export interface WebhookInput {
  url: string
  events: string[]
  active?: boolean
}

export interface DeliveryPage {
  items: WebhookDelivery[]
  nextCursor?: string
}

const base = (id: string) => `/webhooks/${encodeURIComponent(id)}`

export async function listWebhooks(): Promise<Webhook[]> {
  return (await http<Webhook[]>('GET', '/webhooks')).data
}

export async function createWebhook(input: WebhookInput): Promise<WebhookWithSecret> {
  return (await http<WebhookWithSecret>('POST', '/webhooks', { body: input })).data
}

export async function updateWebhook(id: string, patch: Partial<WebhookInput>): Promise<Webhook> {
  return (await http<Webhook>('PATCH', base(id), { body: patch })).data
}

export async function deleteWebhook(id: string): Promise<void> {
  await http('DELETE', base(id))
}

export async function rotateWebhookSecret(id: string): Promise<WebhookWithSecret> {
  return (await http<WebhookWithSecret>('POST', `${base(id)}/rotate-secret`)).data
}

/** Queues a `webhook.test` event for this webhook (it must be active). */
export async function sendTestEvent(id: string): Promise<WebhookDelivery> {
  return (await http<WebhookDelivery>('POST', `${base(id)}/test`)).data
}

export async function listDeliveries(
  id: string,
  query: { cursor?: string; limit?: number } = {},
): Promise<DeliveryPage> {
  const { data, nextCursor } = await http<WebhookDelivery[]>('GET', `${base(id)}/deliveries`, {
    query: { ...query },
  })
  return { items: data, ...(nextCursor ? { nextCursor } : {}) }
}

/** Sends a delivery again now, with a fresh attempt budget. */
export async function retryDelivery(deliveryId: string): Promise<WebhookDelivery> {
  const path = `/webhooks/deliveries/${encodeURIComponent(deliveryId)}/retry`
  return (await http<WebhookDelivery>('POST', path)).data
}
