import { createHmac } from 'node:crypto'
import { createServer } from 'node:net'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { WebhookReceiver, type Answer } from '../../../test/support/webhook-receiver.ts'
import {
  WebhookDeliveryWorker,
  exponentialBackoff,
  type DeliveryWorkerOptions,
} from './webhook-delivery.ts'
import { enqueueWebhookEvent } from './webhook-outbox.ts'
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.ts'

const silent = pino({ level: 'silent' })

/** A loopback port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function worker(t: TestApp, options: Partial<DeliveryWorkerOptions> = {}) {
  return new WebhookDeliveryWorker(
    { db: t.ctx.db, secretBox: t.ctx.secretBox, logger: silent },
    { allowPrivateTargets: true, backoffMs: () => 0, ...options },
  )
}

async function createWebhook(t: TestApp, url: string, events = ['session.completed']) {
  const res = await t.request.post('/api/webhooks').set(t.admin).send({ url, events })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.data as { webhook: { id: string }; secret: string }
}

async function deliveries(t: TestApp) {
  return t.ctx.db.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute()
}

describe('the webhook signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>', () => {
    const header = signWebhookBody('whsec_abc', '{"a":1}', 1_700_000_000)
    const expected = createHmac('sha256', 'whsec_abc').update('1700000000.{"a":1}').digest('hex')
    expect(header).toBe(`t=1700000000,v1=${expected}`)
    const now = 1_700_000_100
    expect(verifyWebhookSignature('whsec_abc', header, '{"a":1}', { now })).toBe(true)
    expect(verifyWebhookSignature('whsec_abc', header, '{"a":2}', { now })).toBe(false)
    expect(verifyWebhookSignature('whsec_abd', header, '{"a":1}', { now })).toBe(false)
    // Replays outside the tolerance are refused.
    expect(verifyWebhookSignature('whsec_abc', header, '{"a":1}', { now: now + 600 })).toBe(false)
    expect(verifyWebhookSignature('whsec_abc', 'garbage', '{"a":1}', { now })).toBe(false)
    expect(verifyWebhookSignature('whsec_abc', undefined, '{"a":1}', { now })).toBe(false)
  })

  it('backs off exponentially with jitter: twelve attempts span about a day', () => {
    const waits = Array.from({ length: 11 }, (_, i) => exponentialBackoff(i + 1))
    expect(waits[0]).toBeGreaterThanOrEqual(48_000)
    expect(waits[0]).toBeLessThanOrEqual(72_000)
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(8 * 3_600_000 * 1.2)
    const total = waits.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThan(18 * 3_600_000)
    expect(total).toBeLessThan(30 * 3_600_000)
  })
})

describe.each(DATABASE_KINDS)('webhook delivery on %s', (kind) => {
  let t: TestApp
  let receiver: WebhookReceiver | undefined
  afterEach(async () => {
    await receiver?.stop()
    receiver = undefined
    await t?.close()
  })

  it('signs every request with the documented scheme and headers', async () => {
    t = await createTestApp(kind, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    receiver = await new WebhookReceiver().start()
    const { secret } = await createWebhook(t, receiver.url)
    const event = await enqueueWebhookEvent(t.ctx.db, 'session.completed', {
      sessionId: 's-1',
      outcome: 'passed',
    })
    expect(await worker(t).runOnce()).toEqual({ claimed: 1, delivered: 1, retrying: 0, failed: 0 })

    const [request] = receiver.received
    const header = request!.headers['x-veriflow-signature'] as string
    const [, t0, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!
    // What a receiver computes, with nothing but the documentation.
    const expected = createHmac('sha256', secret).update(`${t0}.${request!.body}`).digest('hex')
    expect(v1).toBe(expected)
    expect(Math.abs(Number(t0) - Date.now() / 1000)).toBeLessThan(60)
    expect(verifyWebhookSignature(secret, header, request!.body)).toBe(true)
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-veriflow-event': 'session.completed',
      'x-veriflow-delivery': String((await deliveries(t))[0]!.id),
    })
    expect(JSON.parse(request!.body)).toEqual(event)
  })

  it('keeps retrying while the receiver is down, then delivers everything once it recovers', async () => {
    t = await createTestApp(kind, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    const port = await freePort()
    const { secret } = await createWebhook(t, `http://127.0.0.1:${port}/hooks/veriflow`)
    const events = []
    for (let i = 0; i < 5; i++)
      events.push(await enqueueWebhookEvent(t.ctx.db, 'session.completed', { sessionId: `s-${i}` }))

    // Down: nothing listens (connection refused). A fresh worker per round: nothing lives in memory.
    for (let round = 0; round < 2; round++)
      expect(await worker(t).runOnce()).toMatchObject({ claimed: 5, retrying: 5 })
    // Up, but failing: 500s for the next seven requests.
    receiver = await new WebhookReceiver().start(port)
    receiver.respond = (_r, index) => (index < 7 ? 500 : 200)
    for (let round = 0; round < 4; round++) await worker(t).runOnce()

    const rows = await deliveries(t)
    expect(rows.map((row) => row.status)).toEqual(Array(5).fill('delivered'))
    // Nothing lost: every event arrived, signed, with a 200.
    const delivered = receiver.delivered()
    expect(delivered.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort())
    for (const request of receiver.received)
      expect(
        verifyWebhookSignature(
          secret,
          request.headers['x-veriflow-signature'] as string,
          request.body,
        ),
      ).toBe(true)
    // Every attempt is in the log: 10 refused connections, 7 × 500, 5 × 200.
    const attempts = await t.ctx.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .orderBy('id')
      .execute()
    expect(attempts).toHaveLength(22)
    expect(
      attempts.filter((a) => a.status_code === null && /ECONNREFUSED/.test(a.error ?? '')),
    ).toHaveLength(10)
    expect(attempts.filter((a) => a.status_code === 500)).toHaveLength(7)
    expect(attempts.filter((a) => a.status_code === 200)).toHaveLength(5)
    expect(rows.reduce((sum, row) => sum + row.attempts, 0)).toBe(22)
    // Nothing left to do.
    expect(await worker(t).runOnce()).toMatchObject({ claimed: 0 })
  })

  it('waits for the backoff between attempts and gives up after the last one', async () => {
    t = await createTestApp(kind, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    receiver = await new WebhookReceiver().start()
    receiver.respond = () => 500
    await createWebhook(t, receiver.url)
    await enqueueWebhookEvent(t.ctx.db, 'session.completed', { sessionId: 's-1' })
    const slow = worker(t, { backoffMs: () => 60_000, maxAttempts: 3 })
    await slow.runOnce()
    expect(await slow.runOnce()).toMatchObject({ claimed: 0 })
    const [row] = await deliveries(t)
    expect(row!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 50_000)

    const fast = worker(t, { maxAttempts: 3 })
    await t.ctx.db.updateTable('webhook_deliveries').set({ next_attempt_at: new Date() }).execute()
    await fast.runOnce()
    expect(await fast.runOnce()).toMatchObject({ claimed: 1, failed: 1 })
    expect(await fast.runOnce()).toMatchObject({ claimed: 0 })
    const [failed] = await deliveries(t)
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 3,
      last_status: 500,
      last_error: 'the receiver answered 500',
    })
    expect(receiver.received).toHaveLength(3)
  })

  it('times out slow receivers, follows no redirects, and honours Retry-After', async () => {
    t = await createTestApp(kind, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    receiver = await new WebhookReceiver().start()
    receiver.respond = async (_r, index): Promise<Answer> => {
      if (index === 0) await new Promise((resolve) => setTimeout(resolve, 1_000))
      if (index === 1)
        return { status: 302, headers: { location: 'https://elsewhere.example.com/' } }
      return { status: 429, headers: { 'retry-after': '120' } }
    }
    await createWebhook(t, receiver.url)
    await enqueueWebhookEvent(t.ctx.db, 'session.completed', { sessionId: 's-1' })
    const w = worker(t, { timeoutMs: 200 })
    await w.runOnce()
    let [row] = await deliveries(t)
    expect(row).toMatchObject({
      status: 'pending',
      last_status: null,
      last_error: 'no answer within 200 ms',
    })
    await w.runOnce()
    ;[row] = await deliveries(t)
    expect(row).toMatchObject({ status: 'pending', last_status: 302 })
    await w.runOnce()
    ;[row] = await deliveries(t)
    expect(row).toMatchObject({ status: 'pending', last_status: 429 })
    // Retry-After: 120 outweighs the (zero) backoff.
    expect(row!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 100_000)
    expect(receiver.received).toHaveLength(3)
  })

  it('refuses to send to a private address unless allowed, and holds deliveries of inactive webhooks', async () => {
    t = await createTestApp(kind, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    receiver = await new WebhookReceiver().start()
    const { webhook } = await createWebhook(t, receiver.url)
    await enqueueWebhookEvent(t.ctx.db, 'session.completed', { sessionId: 's-1' })
    await worker(t, { allowPrivateTargets: false }).runOnce()
    const [refused] = await deliveries(t)
    expect(refused!.last_error).toMatch(/private or local network/)
    expect(receiver.received).toHaveLength(0)

    await t.request
      .patch(`/api/webhooks/${webhook.id}`)
      .set(t.admin)
      .send({ active: false })
      .expect(200)
    expect(await worker(t).runOnce()).toMatchObject({ claimed: 0 })
    await t.request
      .patch(`/api/webhooks/${webhook.id}`)
      .set(t.admin)
      .send({ active: true })
      .expect(200)
    expect(await worker(t).runOnce()).toMatchObject({ claimed: 1, delivered: 1 })
  })
})
