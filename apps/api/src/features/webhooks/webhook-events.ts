/** The events outgoing webhooks can subscribe to (PRODUCT.md §3). */
export const WEBHOOK_EVENT_TYPES = ['session.completed', 'session.decided'] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** Sent to one webhook on request (`POST /api/webhooks/:id/test`), whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT = 'webhook.test'

/** What a webhook receives: the event envelope (the body that is signed). */
export interface WebhookEvent {
  id: string
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT
  createdAt: string
  data: Record<string, unknown>
}
