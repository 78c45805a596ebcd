import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { insertSession, publishedFlow } from '../../test/support/sessions.ts'
import { createTestApp, type TestApp } from '../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../test/support/test-database.ts'
import { WebhookReceiver } from '../../test/support/webhook-receiver.ts'
import { loadConfig } from '../common/config/config.ts'
import { createContext, type AppContext } from '../common/context.ts'
import { openDatabase, type Database } from '../common/db/database.ts'
import { WebhookDeliveryWorker, type DeliveryRun } from '../features/webhooks/webhook-delivery.ts'
import { enqueueWebhookEvent } from '../features/webhooks/webhook-outbox.ts'
import { startServer, type RunningServer } from '../server.ts'
import { JOB_NAMES, createJobs } from './index.ts'
import { JobRunner } from './job-runner.ts'

const silent = pino({ level: 'silent' })

describe('JOBS', () => {
  it('is on unless set to off (for tools)', () => {
    expect(loadConfig({}).jobs).toBe(true)
    expect(loadConfig({ JOBS: 'off' }).jobs).toBe(false)
    expect(loadConfig({ JOBS: 'false' }).jobs).toBe(false)
  })

  let dir: string | undefined
  let running: RunningServer | undefined
  afterEach(async () => {
    await running?.stop()
    running = undefined
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('startServer runs the jobs and stops them before the database closes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'veriflow-jobs-'))
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir })
    running = await startServer(config, silent)
    expect(running.jobs?.runner.names).toEqual(Object.values(JOB_NAMES))
    // A run after the stop would hit a closed database; stop waits for the runs in progress.
    await running.jobs!.runner.trigger(JOB_NAMES.deliverWebhooks)
    await running.stop()
    running = undefined
  })
})

describe.each(DATABASE_KINDS)('jobs on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('expire-sessions expires overdue sessions still waiting for their user, in batches', async () => {
    t = await createTestApp(kind)
    const flow = await publishedFlow(t)
    const past = new Date(Date.now() - 60_000)
    const overdue = await Promise.all(
      (['created', 'started', 'submitted', 'started', 'created'] as const).map((status) =>
        insertSession(t, flow, { status, expiresAt: past }),
      ),
    )
    const processing = await insertSession(t, flow, { status: 'processing', expiresAt: past })
    const completed = await insertSession(t, flow, { status: 'completed', expiresAt: past })
    const fresh = await insertSession(t, flow, { status: 'started' })

    await createJobs(t.ctx, { expiryBatch: 2 }).trigger(JOB_NAMES.expireSessions)
    const rows = await t.ctx.db.selectFrom('sessions').select(['id', 'status']).execute()
    const status = Object.fromEntries(rows.map((row) => [row.id, row.status]))
    for (const id of overdue) expect(status[id]).toBe('expired')
    expect(status[processing]).toBe('processing')
    expect(status[completed]).toBe('completed')
    expect(status[fresh]).toBe('started')
    const events = await t.ctx.db
      .selectFrom('session_events')
      .select('session_id')
      .where('type', '=', 'session.expired')
      .execute()
    expect(events.map((e) => e.session_id).sort()).toEqual([...overdue].sort())
    // A second run finds nothing.
    await createJobs(t.ctx).trigger(JOB_NAMES.expireSessions)
    expect(
      await t.ctx.db
        .selectFrom('session_events')
        .select('id')
        .where('type', '=', 'session.expired')
        .execute(),
    ).toHaveLength(5)
  })

  it('deliver-webhooks sends the outbox', async () => {
    t = await createTestApp(kind, { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    const receiver = await new WebhookReceiver().start()
    try {
      await t.request
        .post('/api/webhooks')
        .set(t.admin)
        .send({ url: receiver.url, events: ['session.decided'] })
        .expect(201)
      await enqueueWebhookEvent(t.ctx.db, 'session.decided', { sessionId: 's-1' })
      await createJobs(t.ctx).trigger(JOB_NAMES.deliverWebhooks)
      expect(receiver.delivered().map((e) => e.type)).toEqual(['session.decided'])
    } finally {
      await receiver.stop()
    }
  })
})

describe.runIf(process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL', () => {
  let t: TestApp
  let second: { database: Database; ctx: AppContext } | undefined
  let receiver: WebhookReceiver | undefined
  afterEach(async () => {
    await second?.ctx.close()
    await second?.database.close()
    second = undefined
    await receiver?.stop()
    await t?.close()
  })

  it('never deliver a row twice in one round', async () => {
    t = await createTestApp('postgres', { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })
    const database = await openDatabase({
      databaseUrl: process.env.TEST_DATABASE_URL,
      schema: t.database.schema,
      poolSize: 4,
    })
    second = { database, ctx: await createContext(t.config, database, { logger: silent }) }
    receiver = await new WebhookReceiver().start()
    // Slow enough that both instances' rounds overlap.
    receiver.respond = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      return 200
    }
    for (const events of [['session.completed'], ['session.completed', 'session.decided']])
      await t.request
        .post('/api/webhooks')
        .set(t.admin)
        .send({ url: receiver.url, events })
        .expect(201)
    for (let i = 0; i < 150; i++)
      await enqueueWebhookEvent(t.ctx.db, i % 3 === 0 ? 'session.decided' : 'session.completed', {
        n: i,
      })
    const total = 50 + 2 * 100 // 50 decided (one webhook), 100 completed (both)

    const runs: DeliveryRun[] = []
    const runnerOf = (ctx: AppContext) => {
      const worker = new WebhookDeliveryWorker(ctx, {
        allowPrivateTargets: true,
        batchSize: 10,
        maxBatches: 1_000,
      })
      return new JobRunner(silent).add({
        name: JOB_NAMES.deliverWebhooks,
        intervalMs: 60_000,
        run: async (signal) => runs.push(await worker.runOnce(signal)),
      })
    }
    const [a, b] = [runnerOf(t.ctx), runnerOf(second.ctx)]
    await Promise.all([a.trigger(JOB_NAMES.deliverWebhooks), b.trigger(JOB_NAMES.deliverWebhooks)])

    const byDelivery = new Map<string, number>()
    for (const request of receiver.received) {
      const id = request.headers['x-veriflow-delivery'] as string
      byDelivery.set(id, (byDelivery.get(id) ?? 0) + 1)
    }
    expect(receiver.received).toHaveLength(total)
    expect(byDelivery.size).toBe(total)
    expect([...byDelivery.values()].every((n) => n === 1)).toBe(true)
    const rows = await t.ctx.db
      .selectFrom('webhook_deliveries')
      .select(['status', 'attempts'])
      .execute()
    expect(rows.every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true)
    // Both instances did part of the work, and together all of it, once.
    expect(runs).toHaveLength(2)
    expect(runs.every((run) => run.delivered > 0)).toBe(true)
    expect(runs[0]!.claimed + runs[1]!.claimed).toBe(total)
    const attempts = await t.ctx.db.selectFrom('webhook_attempts').select('id').execute()
    expect(attempts).toHaveLength(total)
  })
})
