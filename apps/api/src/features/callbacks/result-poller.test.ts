import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import {
  eventTypes,
  insertSession,
  outboxFor,
  publishedFlow,
  subscribeWebhook,
} from '../../../test/support/sessions.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createContext } from '../../common/context.ts'
import { openDatabase } from '../../common/db/database.ts'
import { ProviderError } from '../../providers/provider-error.ts'
import type { ProviderResult, ProviderSession } from '../../providers/provider.types.ts'
import type { ProviderAccess } from './provider-access.ts'
import { ResultPoller, pollBackoff } from './result-poller.ts'

const silent = pino({ level: 'silent' })

const PENDING: ProviderResult = {
  final: false,
  outcome: null,
  summary: { note: 'in progress' },
  raw: { result: null },
}
const APPROVED: ProviderResult = {
  final: true,
  outcome: 'passed',
  summary: { similarity: 0.97, live: true },
  raw: { result: 'approved', similarity: 0.97 },
}

/** An adapter whose answers are scripted per session (the last answer repeats). */
class FakeResults {
  readonly calls: ProviderSession[] = []
  readonly answers = new Map<string, Array<ProviderResult | Error>>()
  delayMs = 0

  async fetchResult(session: ProviderSession): Promise<ProviderResult> {
    this.calls.push(session)
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs))
    const queue = this.answers.get(session.id) ?? [PENDING]
    const answer = queue.length > 1 ? queue.shift()! : queue[0]!
    if (answer instanceof Error) throw answer
    return answer
  }

  callsFor(id: string): number {
    return this.calls.filter((call) => call.id === id).length
  }
}

function access(fake: FakeResults): ProviderAccess {
  return {
    adapters: { identomat: fake, iab: fake },
    configFor: async () => ({ baseUrl: 'https://provider.test', options: {}, credentials: {} }),
  }
}

async function sessionRow(t: TestApp, id: string) {
  return t.ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

/** Makes every scheduled poll due now (instead of waiting for the backoff). */
async function makeDue(t: TestApp) {
  await t.ctx.db
    .updateTable('sessions')
    .set({ next_poll_at: new Date(Date.now() - 1000) })
    .where('next_poll_at', 'is not', null)
    .execute()
}

describe('pollBackoff', () => {
  it('starts at about 5 s and levels off at about 5 minutes', () => {
    expect(pollBackoff(1)).toBeGreaterThanOrEqual(4_000)
    expect(pollBackoff(1)).toBeLessThanOrEqual(6_000)
    expect(pollBackoff(3)).toBeGreaterThanOrEqual(16_000)
    expect(pollBackoff(30)).toBeLessThanOrEqual(360_000)
    expect(pollBackoff(30)).toBeGreaterThanOrEqual(240_000)
  })
})

describe.each(DATABASE_KINDS)('the result poller on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('asks again with backoff until the result is final, then completes the session once', async () => {
    t = await createTestApp(kind)
    const flow = await publishedFlow(t)
    await subscribeWebhook(t)
    const fake = new FakeResults()
    const id = await insertSession(t, flow, {
      providerRef: 'identomat-token-1',
      providerState: { signed: false },
      nextPollAt: new Date(),
    })
    fake.answers.set(id, [PENDING, PENDING, APPROVED])
    const poller = new ResultPoller({ db: t.ctx.db, logger: silent, providers: access(fake) })

    expect(await poller.runOnce()).toMatchObject({ pending: 1 })
    let row = await sessionRow(t, id)
    expect(row.status).toBe('started') // a "not yet" changes nothing but the schedule
    expect(row.next_poll_at!.getTime()).toBeGreaterThan(Date.now() + 3_000)
    expect(fake.calls[0]).toEqual({
      id,
      providerRef: 'identomat-token-1',
      externalUserId: row.external_user_id,
      state: { signed: false },
    })
    // Not due yet: nothing is asked.
    expect(await poller.runOnce()).toMatchObject({ pending: 0, completed: 0 })
    expect(fake.calls).toHaveLength(1)

    await makeDue(t)
    await poller.runOnce()
    const polls = await t.ctx.db
      .selectFrom('session_polls')
      .selectAll()
      .where('session_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(polls.attempts).toBe(2)
    await makeDue(t)
    expect(await poller.runOnce()).toMatchObject({ completed: 1 })
    row = await sessionRow(t, id)
    expect(row).toMatchObject({
      status: 'completed',
      outcome: 'passed',
      result: APPROVED.summary,
      raw_result: APPROVED.raw,
      next_poll_at: null,
    })
    expect(await eventTypes(t, id)).toEqual(['session.completed'])
    expect(await outboxFor(t, id)).toHaveLength(1)
    await makeDue(t)
    await poller.runOnce()
    expect(fake.callsFor(id)).toBe(3)
  })

  it('retries a provider that fails, and gives a session up long after it expired', async () => {
    t = await createTestApp(kind)
    const flow = await publishedFlow(t)
    const fake = new FakeResults()
    const failing = await insertSession(t, flow, { status: 'processing', nextPollAt: new Date() })
    fake.answers.set(failing, [
      new ProviderError('unavailable', 'identomat', 'no answer within 10000 ms'),
    ])
    const stale = await insertSession(t, flow, {
      status: 'processing',
      expiresAt: new Date(Date.now() - 2 * 3_600_000),
      nextPollAt: new Date(),
    })
    const poller = new ResultPoller(
      { db: t.ctx.db, logger: silent, providers: access(fake) },
      { giveUpAfterMs: 3_600_000 },
    )
    expect(await poller.runOnce()).toMatchObject({ failed: 1, given_up: 1 })
    const retry = await sessionRow(t, failing)
    expect(retry.status).toBe('processing')
    expect(retry.next_poll_at).not.toBeNull()
    const polls = await t.ctx.db
      .selectFrom('session_polls')
      .selectAll()
      .where('session_id', '=', failing)
      .executeTakeFirstOrThrow()
    expect(polls).toMatchObject({ attempts: 1, last_error: 'identomat: no answer within 10000 ms' })
    const given = await sessionRow(t, stale)
    expect(given).toMatchObject({
      status: 'error',
      error_code: 'RESULT_TIMEOUT',
      next_poll_at: null,
    })
    expect(await eventTypes(t, stale)).toEqual(['session.error'])
  })

  it('polls only hosted sessions that are due and still awaiting a result', async () => {
    t = await createTestApp(kind)
    const flow = await publishedFlow(t)
    const fake = new FakeResults()
    const now = new Date()
    await insertSession(t, flow, { target: 'sandbox', nextPollAt: now })
    await insertSession(t, flow, { status: 'completed', nextPollAt: now })
    await insertSession(t, flow, { status: 'expired', nextPollAt: now })
    await insertSession(t, flow, { nextPollAt: null })
    await insertSession(t, flow, { nextPollAt: new Date(Date.now() + 60_000) })
    const trustmatic = await insertSession(t, flow, { target: 'trustmatic', nextPollAt: now })
    const poller = new ResultPoller({ db: t.ctx.db, logger: silent, providers: access(fake) })
    // The trustmatic session is due, but there is no adapter for it here: it is dropped from polling.
    expect(await poller.runOnce()).toMatchObject({ skipped: 1, pending: 0 })
    expect(fake.calls).toHaveLength(0)
    expect((await sessionRow(t, trustmatic)).next_poll_at).toBeNull()
  })

  it('fetchNow asks at once and moves a finished user’s session to processing', async () => {
    t = await createTestApp(kind)
    const flow = await publishedFlow(t)
    const fake = new FakeResults()
    const id = await insertSession(t, flow, { nextPollAt: new Date(Date.now() + 600_000) })
    const poller = new ResultPoller({ db: t.ctx.db, logger: silent, providers: access(fake) })
    expect(await poller.fetchNow(id, 'provider-done', true)).toBe('pending')
    expect((await sessionRow(t, id)).status).toBe('processing')
    fake.answers.set(id, [APPROVED])
    expect(await poller.fetchNow(id, 'provider-done', true)).toBe('completed')
    expect(await poller.fetchNow(id, 'provider-done', true)).toBeUndefined()
    expect(await eventTypes(t, id)).toEqual(['session.processing', 'session.completed'])
  })
})

describe.runIf(process.env.TEST_DATABASE_URL)('two pollers on one PostgreSQL', () => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('never ask the provider twice for the same due session in one round', async () => {
    t = await createTestApp('postgres')
    const flow = await publishedFlow(t)
    await subscribeWebhook(t)
    const ids: string[] = []
    for (let i = 0; i < 40; i++) ids.push(await insertSession(t, flow, { nextPollAt: new Date() }))
    const fake = new FakeResults()
    fake.delayMs = 10
    for (const id of ids) fake.answers.set(id, [APPROVED])
    const other = await openDatabase({
      databaseUrl: process.env.TEST_DATABASE_URL,
      schema: t.database.schema,
      poolSize: 4,
    })
    const otherCtx = await createContext(t.config, other, { logger: silent })
    try {
      const options = { batchSize: 5, maxBatches: 100 }
      const a = new ResultPoller({ db: t.ctx.db, logger: silent, providers: access(fake) }, options)
      const b = new ResultPoller(
        { db: otherCtx.db, logger: silent, providers: access(fake) },
        options,
      )
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()])
      expect(ra.completed + rb.completed).toBe(40)
      expect(ra.completed).toBeGreaterThan(0)
      expect(rb.completed).toBeGreaterThan(0)
      expect(fake.calls).toHaveLength(40)
      expect(new Set(fake.calls.map((c) => c.id)).size).toBe(40)
      for (const id of ids) expect(await outboxFor(t, id)).toHaveLength(1)
    } finally {
      await otherCtx.close()
      await other.close()
    }
  })
})
