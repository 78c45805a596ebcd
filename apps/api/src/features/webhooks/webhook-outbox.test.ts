import { afterEach, describe, expect, it } from 'vitest'
import { json } from '../../common/db/tables.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { enqueueWebhookEvent } from './webhook-outbox.ts'

describe.each(DATABASE_KINDS)('enqueueWebhookEvent on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('queues one delivery per active webhook subscribed to the event type', async () => {
    t = await createTestApp(kind)
    const hook = (events: string[], active = true) =>
      t.ctx.db
        .insertInto('webhooks')
        .values({
          url: 'https://example.com/hook',
          secret_sealed: 'x',
          events: json(events),
          active,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    const both = await hook(['session.completed', 'session.decided'])
    await hook(['session.decided'])
    await hook(['session.completed'], false)
    const event = await enqueueWebhookEvent(t.ctx.db, 'session.completed', { sessionId: 's1' })
    const rows = await t.ctx.db.selectFrom('webhook_deliveries').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      webhook_id: both.id,
      event_id: event.id,
      event_type: 'session.completed',
      status: 'pending',
      attempts: 0,
    })
    expect(rows[0]!.payload).toEqual(event)
  })

  it('rolls back with the transaction that caused it', async () => {
    t = await createTestApp(kind)
    await t.ctx.db
      .insertInto('webhooks')
      .values({
        url: 'https://example.com/hook',
        secret_sealed: 'x',
        events: json(['session.decided']),
      })
      .execute()
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await enqueueWebhookEvent(trx, 'session.decided', { sessionId: 's1' })
        throw new Error('the decision failed')
      }),
    ).rejects.toThrow('the decision failed')
    expect(await t.ctx.db.selectFrom('webhook_deliveries').selectAll().execute()).toEqual([])
  })
})
