import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Actor } from '../../common/auth/principal.ts'
import type { Config } from '../../common/config/config.ts'
import type { SecretBox } from '../../common/crypto/secret-box.ts'
import type { DB } from '../../common/db/tables.ts'
import {
  BadRequestError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/app-error.ts'
import { decodeCursor, toPage, type Page } from '../../common/http/pagination.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { WEBHOOK_TEST_EVENT, type WebhookEvent } from './webhook-events.ts'
import { generateWebhookSecret, webhookSealContext } from './webhook-signature.ts'
import { webhookUrlProblem } from './webhook-target.ts'
import * as repo from './webhooks.repository.ts'
import type {
  CreateWebhookBody,
  ListDeliveriesQuery,
  UpdateWebhookBody,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from './webhooks.schemas.ts'

/** How many attempts of each delivery the delivery log shows. */
const ATTEMPTS_SHOWN = 20

export interface WebhooksServiceDeps {
  db: Kysely<DB>
  secretBox: SecretBox
  config: Pick<Config, 'webhookAllowPrivateTargets'>
}

export function toWebhook(row: repo.WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}

function toDelivery(row: repo.DeliveryRow, attempts: repo.AttemptRow[]): WebhookDelivery {
  return {
    id: String(row.id),
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    attemptLog: attempts.map((a) => ({
      at: a.at.toISOString(),
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
    })),
  }
}

/** A delivery id from a path: the identity column, digits only (anything else cannot exist). */
function deliveryId(value: string): string {
  if (!/^\d{1,18}$/.test(value)) throw new NotFoundError('delivery')
  return value
}

/**
 * Outgoing webhooks: URL, subscribed events and a signing secret that is shown once (at creation
 * and rotation) and stored sealed with the secret box. Every change is audited (never the secret).
 */
export class WebhooksService {
  constructor(private readonly deps: WebhooksServiceDeps) {}

  async list(): Promise<Webhook[]> {
    return (await repo.listWebhooks(this.deps.db)).map(toWebhook)
  }

  async get(id: string): Promise<Webhook> {
    const row = await repo.findWebhook(this.deps.db, id)
    if (!row) throw new NotFoundError('webhook')
    return toWebhook(row)
  }

  async create(input: CreateWebhookBody, actor: Actor): Promise<WebhookWithSecret> {
    this.checkUrl(input.url)
    const id = randomUUID()
    const secret = generateWebhookSecret()
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await repo.insertWebhook(trx, {
        id,
        url: input.url,
        events: input.events,
        active: input.active ?? true,
        secretSealed: this.deps.secretBox.encrypt(secret, webhookSealContext(id)),
      })
      await recordAudit(trx, actor, {
        action: 'webhook.created',
        targetType: 'webhook',
        targetId: id,
        summary: { url: row.url, events: row.events, active: row.active },
      })
      return { webhook: toWebhook(row), secret }
    })
  }

  async update(id: string, patch: UpdateWebhookBody, actor: Actor): Promise<Webhook> {
    if (patch.url !== undefined) this.checkUrl(patch.url)
    return this.deps.db.transaction().execute(async (trx) => {
      const current = await repo.findWebhook(trx, id, { forUpdate: true })
      if (!current) throw new NotFoundError('webhook')
      const changes: Record<string, { from: unknown; to: unknown }> = {}
      if (patch.url !== undefined && patch.url !== current.url)
        changes.url = { from: current.url, to: patch.url }
      if (patch.events !== undefined && patch.events.join() !== current.events.join())
        changes.events = { from: current.events, to: patch.events }
      if (patch.active !== undefined && patch.active !== current.active)
        changes.active = { from: current.active, to: patch.active }
      if (Object.keys(changes).length === 0) return toWebhook(current)
      const row = await repo.updateWebhook(trx, id, patch)
      await recordAudit(trx, actor, {
        action: 'webhook.updated',
        targetType: 'webhook',
        targetId: id,
        summary: { changes },
      })
      return toWebhook(row!)
    })
  }

  /** Deletes the webhook, its pending deliveries and its delivery log. */
  async remove(id: string, actor: Actor): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const current = await repo.findWebhook(trx, id, { forUpdate: true })
      if (!current) throw new NotFoundError('webhook')
      await repo.deleteWebhook(trx, id)
      await recordAudit(trx, actor, {
        action: 'webhook.deleted',
        targetType: 'webhook',
        targetId: id,
        summary: { url: current.url, events: current.events },
      })
    })
  }

  /**
   * A new secret, shown once; the old one stops working at once (deliveries still queued are
   * signed with the new one when they are sent).
   */
  async rotateSecret(id: string, actor: Actor): Promise<WebhookWithSecret> {
    const secret = generateWebhookSecret()
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await repo.updateWebhook(trx, id, {
        secretSealed: this.deps.secretBox.encrypt(secret, webhookSealContext(id)),
      })
      if (!row) throw new NotFoundError('webhook')
      await recordAudit(trx, actor, {
        action: 'webhook.secret_rotated',
        targetType: 'webhook',
        targetId: id,
        summary: { url: row.url },
      })
      return { webhook: toWebhook(row), secret }
    })
  }

  /** Queues a `webhook.test` event for this webhook only (whatever it subscribes to). */
  async sendTest(id: string, actor: Actor): Promise<WebhookDelivery> {
    return this.deps.db.transaction().execute(async (trx) => {
      const webhook = await repo.findWebhook(trx, id)
      if (!webhook) throw new NotFoundError('webhook')
      if (!webhook.active)
        throw new ConflictError('WEBHOOK_INACTIVE', 'activate the webhook before testing it')
      const event: WebhookEvent = {
        id: randomUUID(),
        type: WEBHOOK_TEST_EVENT,
        createdAt: new Date().toISOString(),
        data: { webhookId: id, message: 'A test event from Veriflow.' },
      }
      const delivery = await repo.insertDelivery(trx, id, event)
      await recordAudit(trx, actor, {
        action: 'webhook.test_sent',
        targetType: 'webhook',
        targetId: id,
        summary: { deliveryId: String(delivery.id), eventId: event.id },
      })
      return toDelivery(delivery, [])
    })
  }

  /** The delivery log of a webhook, newest first, with each delivery's latest attempts. */
  async deliveries(id: string, query: ListDeliveriesQuery): Promise<Page<WebhookDelivery>> {
    await this.get(id)
    const [before] = decodeCursor(query.cursor, 1) ?? []
    const beforeId = before === undefined ? undefined : String(before)
    if (beforeId !== undefined && !/^\d{1,18}$/.test(beforeId))
      throw new BadRequestError(
        'INVALID_CURSOR',
        'the cursor is not valid for this list',
        '/query/cursor',
      )
    const rows = await repo.listDeliveries(this.deps.db, id, {
      status: query.status,
      beforeId,
      limit: query.limit + 1,
    })
    const attempts = await repo.attemptsOf(
      this.deps.db,
      rows.slice(0, query.limit).map((row) => String(row.id)),
      ATTEMPTS_SHOWN,
    )
    return toPage(
      rows,
      query.limit,
      (row) => [String(row.id)],
      (row) => toDelivery(row, attempts.get(String(row.id)) ?? []),
    )
  }

  /** Sends a delivery again as soon as possible, with a fresh attempt budget. */
  async retry(rawId: string, actor: Actor): Promise<WebhookDelivery> {
    const id = deliveryId(rawId)
    return this.deps.db.transaction().execute(async (trx) => {
      const current = await repo.findDelivery(trx, id)
      if (!current) throw new NotFoundError('delivery')
      const row = (await repo.requeueDelivery(trx, id))!
      await recordAudit(trx, actor, {
        action: 'webhook.delivery_retried',
        targetType: 'webhook',
        targetId: row.webhook_id,
        summary: { deliveryId: id, eventId: row.event_id, previousStatus: current.status },
      })
      return toDelivery(row, [])
    })
  }

  private checkUrl(url: string): void {
    const problem = webhookUrlProblem(url, this.deps.config.webhookAllowPrivateTargets)
    if (problem)
      throw new ValidationError([
        { path: '/url', code: 'URL_INVALID', message: `the URL ${problem}` },
      ])
  }
}
