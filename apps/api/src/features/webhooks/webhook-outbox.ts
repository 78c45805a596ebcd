import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { json, type DB } from '../../common/db/tables.ts'
import type { WebhookEvent, WebhookEventType } from './webhook-events.ts'

/**
 * Puts an event in the durable outbox: one delivery row per active webhook subscribed to its
 * type. Call it with the transaction of the change that caused the event, so the event exists
 * exactly when the change does; the delivery worker sends it later, at least once.
 */
export async function enqueueWebhookEvent(
  db: Kysely<DB>,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<WebhookEvent> {
  const event: WebhookEvent = { id: randomUUID(), type, createdAt: new Date().toISOString(), data }
  await db
    .insertInto('webhook_deliveries')
    .columns(['webhook_id', 'event_id', 'event_type', 'payload'])
    .expression((eb) =>
      eb
        .selectFrom('webhooks')
        .select([
          'id',
          sql<string>`${event.id}::uuid`.as('event_id'),
          sql<string>`${type}::text`.as('event_type'),
          sql`${json(event)}::jsonb`.as('payload'),
        ])
        .where('active', '=', true)
        .where(sql<boolean>`events ? ${type}`),
    )
    .execute()
  return event
}
