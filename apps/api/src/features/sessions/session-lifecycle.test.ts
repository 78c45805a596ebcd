import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import type { SessionStatus } from '../../common/db/session-tables.ts'
import {
  applyProviderResult,
  expireSessions,
  markSessionError,
  recordSessionEvent,
} from './session-lifecycle.ts'
import { outboxOf, publishedFlow, subscribeWebhook } from './sessions.test-helpers.ts'

describe.each(DATABASE_KINDS)('the session lifecycle on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  async function session(
    flowId: string,
    status: SessionStatus,
    expiresAt = '2030-01-01T00:00:00Z',
  ) {
    const id = randomUUID()
    await t.ctx.db
      .insertInto('sessions')
      .values({
        id,
        flow_id: flowId,
        flow_version: 1,
        target: 'identomat',
        status,
        external_user_id: 'u',
        expires_at: expiresAt,
        next_poll_at: new Date(),
      })
      .execute()
    return id
  }
  const row = (id: string) =>
    t.ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const events = async (id: string) =>
    (
      await t.ctx.db
        .selectFrom('session_events')
        .select(['type', 'data', 'actor_label'])
        .where('session_id', '=', id)
        .orderBy('id')
        .execute()
    ).map((e) => e.type)

  it('applies provider results idempotently and enqueues session.completed once', async () => {
    t = await createTestApp(kind)
    await subscribeWebhook(t)
    const flowId = await publishedFlow(t)
    const id = await session(flowId, 'started')
    const pending = { final: false, outcome: null, summary: {}, raw: { state: 'IN_PROGRESS' } }
    expect(await applyProviderResult(t.ctx.db, id, pending, 'poll')).toEqual({
      changed: true,
      status: 'processing',
    })
    expect(await applyProviderResult(t.ctx.db, id, pending, 'poll')).toEqual({
      changed: false,
      status: 'processing',
    })
    const final = {
      final: true,
      outcome: 'passed' as const,
      summary: { similarity: 0.97 },
      raw: { result: 'approved' },
    }
    expect(
      await t.ctx.db
        .transaction()
        .execute((trx) => applyProviderResult(trx, id, final, 'callback')),
    ).toEqual({ changed: true, status: 'completed' })
    expect(await applyProviderResult(t.ctx.db, id, final, 'poll')).toEqual({
      changed: false,
      status: 'completed',
    })
    expect(await row(id)).toMatchObject({
      status: 'completed',
      outcome: 'passed',
      result: { similarity: 0.97 },
      raw_result: { result: 'approved' },
      next_poll_at: null,
    })
    expect(await events(id)).toEqual(['session.processing', 'session.completed'])
    const outbox = await outboxOf(t, 'session.completed', id)
    expect(outbox).toHaveLength(1)
    expect(outbox[0]!.payload.data).toMatchObject({
      sessionId: id,
      outcome: 'passed',
      target: 'identomat',
    })
    expect(await markSessionError(t.ctx.db, id, 'LATE', 'too late')).toBe(false)
    expect((await applyProviderResult(t.ctx.db, randomUUID(), final, 'poll')).changed).toBe(false)
  })

  it('marks errors once and records events with an actor', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const id = await session(flowId, 'created')
    expect(await markSessionError(t.ctx.db, id, 'PROVIDER_REJECTED', 'identomat: no')).toBe(true)
    expect(await markSessionError(t.ctx.db, id, 'OTHER', 'second')).toBe(false)
    expect(await row(id)).toMatchObject({ status: 'error', error_code: 'PROVIDER_REJECTED' })
    await recordSessionEvent(t.ctx.db, id, 'note', { a: 1 }, 'jobs')
    const all = await t.ctx.db
      .selectFrom('session_events')
      .select(['type', 'actor_label', 'data'])
      .where('session_id', '=', id)
      .orderBy('id')
      .execute()
    expect(all).toEqual([
      {
        type: 'session.error',
        actor_label: 'system',
        data: { code: 'PROVIDER_REJECTED', message: 'identomat: no' },
      },
      { type: 'note', actor_label: 'jobs', data: { a: 1 } },
    ])
  })

  it('expires unfinished sessions past their expiry, in batches', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const past = '2026-01-01T00:00:00Z'
    const created = await session(flowId, 'created', past)
    const started = await session(flowId, 'started', past)
    const submitted = await session(flowId, 'submitted', past)
    const done = await session(flowId, 'completed', past)
    const future = await session(flowId, 'started')
    const now = new Date('2026-06-01T00:00:00Z')
    expect(await expireSessions(t.ctx.db, now, 2)).toBe(2)
    expect(await expireSessions(t.ctx.db, now, 2)).toBe(1)
    expect(await expireSessions(t.ctx.db, now, 2)).toBe(0)
    for (const id of [created, started, submitted]) {
      expect((await row(id)).status).toBe('expired')
      expect(await events(id)).toEqual(['session.expired'])
    }
    expect((await row(done)).status).toBe('completed')
    expect((await row(future)).status).toBe('started')
  })

  it.runIf(kind === 'postgres')('skips sessions another worker holds locked', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const past = '2026-01-01T00:00:00Z'
    const held = await session(flowId, 'created', past)
    const free = await session(flowId, 'created', past)
    await t.ctx.db.transaction().execute(async (trx) => {
      await trx.selectFrom('sessions').select('id').where('id', '=', held).forUpdate().execute()
      expect(await expireSessions(t.ctx.db, new Date(), 10)).toBe(1)
    })
    expect((await row(free)).status).toBe('expired')
    expect((await row(held)).status).toBe('created')
  })
})
