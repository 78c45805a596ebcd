import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { WebhookReceiver } from '../../../test/support/webhook-receiver.ts'
import { WebhookDeliveryWorker } from './webhook-delivery.ts'
import { verifyWebhookSignature } from './webhook-signature.ts'

describe.each(DATABASE_KINDS)('webhooks admin on %s', (kind) => {
  let t: TestApp
  let receiver: WebhookReceiver | undefined
  afterEach(async () => {
    await receiver?.stop()
    receiver = undefined
    await t?.close()
  })

  it('creates, lists, changes, rotates and deletes webhooks; the secret is shown only when made', async () => {
    t = await createTestApp(kind)
    const created = await t.request
      .post('/api/webhooks')
      .set(t.admin)
      .send({ url: 'https://hooks.example.com/veriflow', events: ['session.completed'] })
      .expect(201)
    expect(created.headers['cache-control']).toBe('no-store')
    const { webhook, secret } = created.body.data
    expect(webhook).toEqual({
      id: expect.any(String),
      url: 'https://hooks.example.com/veriflow',
      events: ['session.completed'],
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    })
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(secret.slice(6), 'base64url')).toHaveLength(32)

    // Stored sealed for this webhook only.
    const row = await t.ctx.db
      .selectFrom('webhooks')
      .select('secret_sealed')
      .where('id', '=', webhook.id)
      .executeTakeFirstOrThrow()
    expect(row.secret_sealed).not.toContain(secret)
    expect(t.ctx.secretBox.decrypt(row.secret_sealed, `webhook:${webhook.id}`).toString()).toBe(
      secret,
    )
    expect(() => t.ctx.secretBox.decrypt(row.secret_sealed, 'webhook:other')).toThrow()

    const list = await t.request.get('/api/webhooks').set(t.admin).expect(200)
    expect(list.body.data).toEqual([webhook])
    const patched = await t.request
      .patch(`/api/webhooks/${webhook.id}`)
      .set(t.admin)
      .send({ events: ['session.completed', 'session.decided'], active: false })
      .expect(200)
    expect(patched.body.data).toMatchObject({
      events: ['session.completed', 'session.decided'],
      active: false,
    })

    const rotated = await t.request
      .post(`/api/webhooks/${webhook.id}/rotate-secret`)
      .set(t.admin)
      .expect(200)
    expect(rotated.body.data.secret).toMatch(/^whsec_/)
    expect(rotated.body.data.secret).not.toBe(secret)

    await t.request.delete(`/api/webhooks/${webhook.id}`).set(t.admin).expect(204)
    await t.request.delete(`/api/webhooks/${webhook.id}`).set(t.admin).expect(404)
    expect((await t.request.get('/api/webhooks').set(t.admin).expect(200)).body.data).toEqual([])

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .orderBy('id')
      .execute()
    expect(audit.map((entry) => entry.action)).toEqual([
      'webhook.created',
      'webhook.updated',
      'webhook.secret_rotated',
      'webhook.deleted',
    ])
    expect(audit[1]!.summary).toEqual({
      changes: {
        events: { from: ['session.completed'], to: ['session.completed', 'session.decided'] },
        active: { from: true, to: false },
      },
    })
    const everything = JSON.stringify([audit, list.body, patched.body])
    expect(everything).not.toContain(secret)
    expect(everything).not.toContain(rotated.body.data.secret)
  })

  it('refuses URLs that are not https, carry credentials, or reach private networks', async () => {
    t = await createTestApp(kind)
    const cases: Array<[string, RegExp]> = [
      ['http://hooks.example.com/x', /https/],
      ['ftp://hooks.example.com/x', /only http and https/],
      ['https://user:pw@hooks.example.com/x', /credentials/],
      ['https://hooks.example.com/x#frag', /fragment/],
      ['https://10.1.2.3/x', /private or local/],
      ['https://169.254.169.254/latest/meta-data', /private or local/],
      ['https://[::1]/x', /private or local/],
      ['https://[::ffff:127.0.0.1]/x', /private or local/],
      ['https://[fd00::1]/x', /private or local/],
      ['https://0x7f.1/x', /private or local/],
      ['http://localhost:8080/x', /private or local/],
      ['not a url', /absolute URL/],
    ]
    for (const [url, message] of cases) {
      const res = await t.request
        .post('/api/webhooks')
        .set(t.admin)
        .send({ url, events: ['session.completed'] })
      expect(res.status, url).toBe(400)
      expect(res.body.errors[0], url).toMatchObject({ code: 'URL_INVALID', path: '/url' })
      expect(res.body.errors[0].message, url).toMatch(message)
    }
    const badEvents = await t.request
      .post('/api/webhooks')
      .set(t.admin)
      .send({ url: 'https://hooks.example.com/x', events: ['session.created'] })
      .expect(400)
    expect(badEvents.body.errors[0].path).toBe('/events/0')
    await t.request
      .post('/api/webhooks')
      .set(t.admin)
      .send({ url: 'https://hooks.example.com/x', events: [] })
      .expect(400)
    await t.request
      .patch('/api/webhooks/00000000-0000-4000-8000-000000000000')
      .set(t.admin)
      .send({ active: true })
      .expect(404)
    await t.request
      .patch('/api/webhooks/not-a-uuid')
      .set(t.admin)
      .send({ active: true })
      .expect(404)
    await t.request.post('/api/webhooks/deliveries/abc/retry').set(t.admin).expect(404)
  })

  it('allows local receivers only when WEBHOOK_ALLOW_PRIVATE_TARGETS=true', async () => {
    t = await createTestApp(kind, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    await t.request
      .post('/api/webhooks')
      .set(t.admin)
      .send({ url: 'http://localhost:8080/x', events: ['session.completed'] })
      .expect(201)
    // Plain http stays refused for anything but this machine.
    await t.request
      .post('/api/webhooks')
      .set(t.admin)
      .send({ url: 'http://10.0.0.5/x', events: ['session.completed'] })
      .expect(400)
  })

  it('sends a test event, shows the delivery log with its attempts, and retries a delivery', async () => {
    t = await createTestApp(kind, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    receiver = await new WebhookReceiver().start()
    receiver.respond = (_r, index) => (index === 0 ? 503 : 200)
    const created = await t.request
      .post('/api/webhooks')
      .set(t.admin)
      .send({ url: receiver.url, events: ['session.decided'] })
      .expect(201)
    const { webhook, secret } = created.body.data
    const worker = new WebhookDeliveryWorker(
      { db: t.ctx.db, secretBox: t.ctx.secretBox, logger: pino({ level: 'silent' }) },
      { allowPrivateTargets: true, backoffMs: () => 0 },
    )

    const queued = await t.request.post(`/api/webhooks/${webhook.id}/test`).set(t.admin).expect(202)
    expect(queued.body.data).toMatchObject({
      eventType: 'webhook.test',
      status: 'pending',
      attempts: 0,
    })
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, retrying: 1 })
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, delivered: 1 })
    const sent = receiver.received[1]!
    expect(
      verifyWebhookSignature(secret, sent.headers['x-veriflow-signature'] as string, sent.body),
    ).toBe(true)
    expect(JSON.parse(sent.body)).toMatchObject({
      type: 'webhook.test',
      data: { webhookId: webhook.id },
    })

    const log = await t.request
      .get(`/api/webhooks/${webhook.id}/deliveries`)
      .set(t.admin)
      .expect(200)
    expect(log.body.data).toHaveLength(1)
    const delivery = log.body.data[0]
    expect(delivery).toMatchObject({
      id: queued.body.data.id,
      status: 'delivered',
      attempts: 2,
      lastStatus: 200,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: expect.any(String),
    })
    expect(delivery.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 200])
    expect(delivery.attemptLog[0].error).toMatch(/503/)

    const retried = await t.request
      .post(`/api/webhooks/deliveries/${delivery.id}/retry`)
      .set(t.admin)
      .expect(202)
    expect(retried.body.data).toMatchObject({ status: 'pending', attempts: 0 })
    expect(await worker.runOnce()).toMatchObject({ delivered: 1 })
    expect(receiver.received).toHaveLength(3)
    // The same event again: receivers dedupe on the event id (or X-Veriflow-Delivery).
    expect(JSON.parse(receiver.received[2]!.body).id).toBe(JSON.parse(sent.body).id)
    const after = await t.request
      .get(`/api/webhooks/${webhook.id}/deliveries?status=delivered`)
      .set(t.admin)
      .expect(200)
    expect(after.body.data[0].attemptLog).toHaveLength(3)
    await t.request
      .get(`/api/webhooks/${webhook.id}/deliveries?status=failed`)
      .set(t.admin)
      .expect(200)
      .then((res) => expect(res.body.data).toEqual([]))

    await t.request
      .patch(`/api/webhooks/${webhook.id}`)
      .set(t.admin)
      .send({ active: false })
      .expect(200)
    const inactive = await t.request
      .post(`/api/webhooks/${webhook.id}/test`)
      .set(t.admin)
      .expect(409)
    expect(inactive.body.errors[0].code).toBe('WEBHOOK_INACTIVE')
    const actions = await t.ctx.db.selectFrom('audit_log').select('action').orderBy('id').execute()
    expect(actions.map((a) => a.action)).toEqual([
      'webhook.created',
      'webhook.test_sent',
      'webhook.delivery_retried',
      'webhook.updated',
    ])
  })

  it('pages through the delivery log', async () => {
    t = await createTestApp(kind)
    const created = await t.request
      .post('/api/webhooks')
      .set(t.admin)
      .send({ url: 'https://hooks.example.com/x', events: ['session.completed'] })
      .expect(201)
    const id = created.body.data.webhook.id
    for (let i = 0; i < 5; i++)
      await t.request.post(`/api/webhooks/${id}/test`).set(t.admin).expect(202)
    const first = await t.request
      .get(`/api/webhooks/${id}/deliveries?limit=3`)
      .set(t.admin)
      .expect(200)
    const second = await t.request
      .get(`/api/webhooks/${id}/deliveries?limit=3&cursor=${first.body.nextCursor}`)
      .set(t.admin)
      .expect(200)
    const ids = [...first.body.data, ...second.body.data].map((d: { id: string }) => Number(d.id))
    expect(ids).toHaveLength(5)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))
    expect(second.body.nextCursor).toBeUndefined()
    const bad = await t.request
      .get(`/api/webhooks/${id}/deliveries?cursor=garbage`)
      .set(t.admin)
      .expect(400)
    expect(bad.body.errors[0].code).toBe('INVALID_CURSOR')
  })
})
