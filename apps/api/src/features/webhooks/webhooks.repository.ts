import type { Kysely, Selectable } from 'kysely'
import type {
  WebhookDeliveriesTable,
  WebhookAttemptsTable,
} from '../../common/db/session-tables.ts'
import { json, type DB } from '../../common/db/tables.ts'
import type { WebhookEvent } from './webhook-events.ts'

/** The columns of a webhook that may leave the database (everything but the sealed secret). */
const WEBHOOK_COLUMNS = ['id', 'url', 'events', 'active', 'created_at', 'updated_at'] as const

export interface WebhookRow {
  id: string
  url: string
  events: string[]
  active: boolean
  created_at: Date
  updated_at: Date
}

export type DeliveryRow = Selectable<WebhookDeliveriesTable>
export type AttemptRow = Selectable<WebhookAttemptsTable>

export function listWebhooks(db: Kysely<DB>): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .select(WEBHOOK_COLUMNS)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function findWebhook(
  db: Kysely<DB>,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<WebhookRow | undefined> {
  const query = db.selectFrom('webhooks').select(WEBHOOK_COLUMNS).where('id', '=', id)
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst()
}

export function insertWebhook(
  db: Kysely<DB>,
  webhook: { id: string; url: string; events: string[]; active: boolean; secretSealed: string },
): Promise<WebhookRow> {
  return db
    .insertInto('webhooks')
    .values({
      id: webhook.id,
      url: webhook.url,
      events: json(webhook.events),
      active: webhook.active,
      secret_sealed: webhook.secretSealed,
    })
    .returning(WEBHOOK_COLUMNS)
    .executeTakeFirstOrThrow()
}

export function updateWebhook(
  db: Kysely<DB>,
  id: string,
  changes: { url?: string; events?: string[]; active?: boolean; secretSealed?: string },
): Promise<WebhookRow | undefined> {
  return db
    .updateTable('webhooks')
    .set({
      ...(changes.url !== undefined ? { url: changes.url } : {}),
      ...(changes.events !== undefined ? { events: json(changes.events) } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      ...(changes.secretSealed !== undefined ? { secret_sealed: changes.secretSealed } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning(WEBHOOK_COLUMNS)
    .executeTakeFirst()
}

/** Deletes a webhook with its deliveries and their attempts (cascade). */
export async function deleteWebhook(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Queues one event for one webhook (the test event). */
export function insertDelivery(
  db: Kysely<DB>,
  webhookId: string,
  event: WebhookEvent,
): Promise<DeliveryRow> {
  return db
    .insertInto('webhook_deliveries')
    .values({
      webhook_id: webhookId,
      event_id: event.id,
      event_type: event.type,
      payload: json(event),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** A webhook's deliveries, newest first, keyset-paginated on the identity column. */
export function listDeliveries(
  db: Kysely<DB>,
  webhookId: string,
  filter: { status?: DeliveryRow['status']; beforeId?: string; limit: number },
): Promise<DeliveryRow[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId)
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId)
  return query.orderBy('id', 'desc').limit(filter.limit).execute()
}

/** The latest `perDelivery` attempts of each delivery, oldest first. */
export async function attemptsOf(
  db: Kysely<DB>,
  deliveryIds: string[],
  perDelivery: number,
): Promise<Map<string, AttemptRow[]>> {
  const byDelivery = new Map<string, AttemptRow[]>()
  if (deliveryIds.length === 0) return byDelivery
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('webhook_attempts')
        .selectAll()
        .select((inner) =>
          inner.fn
            .agg<number>('row_number')
            .over((over) => over.partitionBy('delivery_id').orderBy('id', 'desc'))
            .as('recent'),
        )
        .where('delivery_id', 'in', deliveryIds)
        .as('a'),
    )
    .selectAll()
    .where('recent', '<=', perDelivery)
    .orderBy('id')
    .execute()
  for (const { recent: _recent, ...row } of rows) {
    const key = String(row.delivery_id)
    byDelivery.set(key, [...(byDelivery.get(key) ?? []), row])
  }
  return byDelivery
}

export function findDelivery(db: Kysely<DB>, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Makes a delivery due now with a fresh attempt budget (its attempt log is kept). */
export function requeueDelivery(db: Kysely<DB>, id: string): Promise<DeliveryRow | undefined> {
  return db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: new Date(), delivered_at: null })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}
