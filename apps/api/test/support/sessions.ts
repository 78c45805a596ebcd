import { randomUUID } from 'node:crypto'
import { json } from '../../src/common/db/tables.ts'
import type { SessionStatus } from '../../src/common/db/session-tables.ts'
import { createFlow, publish, validDocument } from '../../src/features/flows/flows.test-helpers.ts'
import type { TestApp } from './test-app.ts'

/** A published flow (version 1) sessions can be pinned to. */
export async function publishedFlow(t: TestApp): Promise<{ flowId: string; version: number }> {
  const flow = await createFlow(t, { document: validDocument('Sessions fixture') })
  await publish(t, flow.id)
  return { flowId: flow.id, version: 1 }
}

export interface SessionFixture {
  target?: 'identomat' | 'iab' | 'trustmatic' | 'sandbox'
  status?: SessionStatus
  /** @default one hour from now */
  expiresAt?: Date
  providerRef?: string | null
  providerState?: Record<string, unknown>
  returnUrl?: string | null
  launchOrigin?: string | null
  nextPollAt?: Date | null
  externalUserId?: string
}

/**
 * Inserts a session row directly (the launch API belongs to the sessions feature; these tests
 * are about what happens to a session afterwards).
 */
export async function insertSession(
  t: TestApp,
  flow: { flowId: string; version: number },
  fixture: SessionFixture = {},
): Promise<string> {
  const id = randomUUID()
  await t.ctx.db
    .insertInto('sessions')
    .values({
      id,
      flow_id: flow.flowId,
      flow_version: flow.version,
      target: fixture.target ?? 'identomat',
      status: fixture.status ?? 'started',
      external_user_id: fixture.externalUserId ?? `user-${id.slice(0, 8)}`,
      expires_at: fixture.expiresAt ?? new Date(Date.now() + 3_600_000),
      provider_ref: fixture.providerRef ?? null,
      provider_state: json(fixture.providerState ?? {}),
      return_url: fixture.returnUrl ?? null,
      launch_origin: fixture.launchOrigin ?? null,
      next_poll_at: fixture.nextPollAt ?? null,
    })
    .execute()
  return id
}

/** A webhook row subscribed to `events` (so outbox rows are created for them). */
export async function subscribeWebhook(
  t: TestApp,
  events: string[] = ['session.completed', 'session.decided'],
  url = 'https://receiver.example.com/hook',
): Promise<string> {
  const id = randomUUID()
  await t.ctx.db
    .insertInto('webhooks')
    .values({
      id,
      url,
      events: json(events),
      secret_sealed: t.ctx.secretBox.encrypt('whsec_test', `webhook:${id}`),
    })
    .execute()
  return id
}

/** The timeline event types of a session, oldest first. */
export async function eventTypes(t: TestApp, sessionId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('session_events')
    .select('type')
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute()
  return rows.map((row) => row.type)
}

/** Outbox rows of one event type about one session. */
export async function outboxFor(t: TestApp, sessionId: string, type = 'session.completed') {
  const rows = await t.ctx.db
    .selectFrom('webhook_deliveries')
    .select(['id', 'payload'])
    .where('event_type', '=', type)
    .execute()
  return rows.filter((row) => (row.payload.data as { sessionId?: string }).sessionId === sessionId)
}
