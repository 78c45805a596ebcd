import { sql, type Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { SecretBox } from '../../common/crypto/secret-box.ts'
import type { DB } from '../../common/db/tables.ts'
import { postWebhook, type WebhookReply } from './webhook-http.ts'
import { SIGNATURE_HEADER, signWebhookBody, webhookSealContext } from './webhook-signature.ts'
import { webhookUrlProblem } from './webhook-target.ts'

export interface DeliveryWorkerDeps {
  db: Kysely<DB>
  secretBox: SecretBox
  logger: Logger
}

export interface DeliveryWorkerOptions {
  /** Refuse (false) or allow (true) loopback and private network receivers. */
  allowPrivateTargets: boolean
  /** Deliveries claimed at once (and sent in parallel). @default 20 */
  batchSize?: number
  /** Batches per run while there is more due work. @default 10 */
  maxBatches?: number
  /** Time a receiver has to answer. @default 10000 */
  timeoutMs?: number
  /** Attempts before a delivery is marked failed. @default 12 */
  maxAttempts?: number
  /** Wait after failed attempt `n` (1-based). @default exponentialBackoff */
  backoffMs?: (attempt: number) => number
  /** Unix seconds for the signature. @default the clock */
  nowSeconds?: () => number
}

/** What one run did. */
export interface DeliveryRun {
  claimed: number
  delivered: number
  retrying: number
  failed: number
}

const MINUTE = 60_000
const BACKOFF_CAP_MS = 8 * 60 * MINUTE

/**
 * 1 min, 2, 4, … doubling up to 8 h, each ±20 % (jitter, so receivers that come back are not hit
 * by every queued delivery at once). Twelve attempts span about a day.
 */
export function exponentialBackoff(attempt: number): number {
  const base = Math.min(BACKOFF_CAP_MS, MINUTE * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

/** Seconds from a Retry-After header (seconds or an HTTP date), or undefined. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (!header) return undefined
  const seconds = /^\d+$/.test(header.trim())
    ? Number(header) * 1000
    : Date.parse(header) - Date.now()
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, BACKOFF_CAP_MS) : undefined
}

interface ClaimedDelivery {
  id: string
  webhook_id: string
  event_id: string
  event_type: string
  payload: Record<string, unknown>
  attempts: number
  url: string
  secret_sealed: string
}

interface AttemptResult {
  statusCode: number | null
  error: string | null
  durationMs: number
  retryAfter?: string
}

/**
 * Sends the outbox. Each batch is claimed in one statement — due rows of active webhooks,
 * `FOR UPDATE SKIP LOCKED`, their attempt counted and their next attempt pushed past the send
 * timeout (a lease) — so several API instances never send the same row in one round, and a
 * process that dies mid-send leaves the row to be sent again when the lease ends (at least
 * once). Everything lives in the database: a restart loses nothing.
 */
export class WebhookDeliveryWorker {
  private readonly options: Required<DeliveryWorkerOptions>

  constructor(
    private readonly deps: DeliveryWorkerDeps,
    options: DeliveryWorkerOptions,
  ) {
    this.options = {
      batchSize: 20,
      maxBatches: 10,
      timeoutMs: 10_000,
      maxAttempts: 12,
      backoffMs: exponentialBackoff,
      nowSeconds: () => Math.floor(Date.now() / 1000),
      ...options,
    }
  }

  /** Sends what is due, batch after batch, until nothing is due or `maxBatches` ran. */
  async runOnce(signal?: AbortSignal): Promise<DeliveryRun> {
    const run: DeliveryRun = { claimed: 0, delivered: 0, retrying: 0, failed: 0 }
    for (let batch = 0; batch < this.options.maxBatches && !signal?.aborted; batch++) {
      const claimed = await this.claim()
      run.claimed += claimed.length
      const outcomes = await Promise.all(claimed.map((row) => this.deliver(row)))
      for (const outcome of outcomes) run[outcome]++
      if (claimed.length < this.options.batchSize) break
    }
    return run
  }

  private async claim(): Promise<ClaimedDelivery[]> {
    const leaseMs = this.options.timeoutMs + MINUTE
    const { rows } = await sql<ClaimedDelivery>`
      with due as (
        select d.id
        from webhook_deliveries d
        join webhooks w on w.id = d.webhook_id
        where d.status = 'pending' and d.next_attempt_at <= now() and w.active
        order by d.next_attempt_at, d.id
        limit ${this.options.batchSize}
        for update of d skip locked
      )
      update webhook_deliveries d
      set attempts = d.attempts + 1,
          next_attempt_at = now() + ${leaseMs}::integer * interval '1 millisecond'
      from due, webhooks w
      where d.id = due.id and w.id = d.webhook_id
      returning d.id::text as id, d.webhook_id, d.event_id, d.event_type, d.payload, d.attempts,
        w.url, w.secret_sealed
    `.execute(this.deps.db)
    return rows
  }

  private async deliver(row: ClaimedDelivery): Promise<'delivered' | 'retrying' | 'failed'> {
    const result = await this.send(row)
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300
    const exhausted = row.attempts >= this.options.maxAttempts
    const outcome = ok ? 'delivered' : exhausted ? 'failed' : 'retrying'
    const waitMs = Math.max(
      this.options.backoffMs(row.attempts),
      retryAfterMs(result.retryAfter) ?? 0,
    )
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_attempts')
        .values({
          delivery_id: row.id,
          status_code: result.statusCode,
          error: result.error,
          duration_ms: result.durationMs,
        })
        .execute()
      // Guarded by the attempt count: a manual retry meanwhile (attempts reset) wins.
      await trx
        .updateTable('webhook_deliveries')
        .set({
          status: outcome === 'retrying' ? 'pending' : outcome,
          last_status: result.statusCode,
          last_error: result.error,
          ...(ok ? { delivered_at: sql`now()` } : {}),
          ...(outcome === 'retrying'
            ? { next_attempt_at: sql`now() + ${waitMs}::integer * interval '1 millisecond'` }
            : {}),
        })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .where('attempts', '=', row.attempts)
        .execute()
    })
    if (!ok)
      this.deps.logger.warn(
        {
          deliveryId: row.id,
          webhookId: row.webhook_id,
          attempt: row.attempts,
          status: result.statusCode,
          error: result.error,
          outcome,
        },
        'webhook delivery attempt failed',
      )
    return outcome
  }

  private async send(row: ClaimedDelivery): Promise<AttemptResult> {
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    const problem = webhookUrlProblem(row.url, this.options.allowPrivateTargets)
    if (problem) return { statusCode: null, error: `the URL ${problem}`, durationMs: 0 }
    let secret: string
    try {
      secret = this.deps.secretBox
        .decrypt(row.secret_sealed, webhookSealContext(row.webhook_id))
        .toString('utf8')
    } catch {
      return {
        statusCode: null,
        error:
          'the webhook secret cannot be decrypted with this installation’s key (was VERIFLOW_SECRET_KEY changed?); rotate the secret',
        durationMs: 0,
      }
    }
    const body = JSON.stringify(row.payload)
    let reply: WebhookReply
    try {
      reply = await postWebhook(new URL(row.url), body, {
        timeoutMs: this.options.timeoutMs,
        allowPrivateTargets: this.options.allowPrivateTargets,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Veriflow-Webhooks/1.0',
          [SIGNATURE_HEADER]: signWebhookBody(secret, body, this.options.nowSeconds()),
          'X-Veriflow-Event': row.event_type,
          'X-Veriflow-Delivery': row.id,
        },
      })
    } catch (error) {
      const code = (error as { code?: string }).code
      const message = error instanceof Error ? error.message : String(error)
      return {
        statusCode: null,
        error: (code ? `${code}: ${message}` : message).slice(0, 500),
        durationMs: elapsed(),
      }
    }
    return {
      statusCode: reply.status,
      error:
        reply.status >= 200 && reply.status < 300 ? null : `the receiver answered ${reply.status}`,
      durationMs: elapsed(),
      retryAfter: reply.retryAfter,
    }
  }
}
