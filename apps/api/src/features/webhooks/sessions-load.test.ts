import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { subscribeWebhook } from '../../../test/support/sessions.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import { createApp } from '../../app.ts'
import { createContext, type AppContext } from '../../common/context.ts'
import { openDatabase, type Database } from '../../common/db/database.ts'
import { createFlow, publish } from '../flows/flows.test-helpers.ts'

const SESSIONS = 1_000
/** Requests in flight at once (all sessions are open at the same time; their calls queue here). */
const IN_FLIGHT = 100

/** A flow the sandbox can run: one questionnaire with one mandatory answer. */
const LOAD_FLOW = {
  schemaVersion: 1,
  name: 'Load',
  languages: ['en'],
  steps: [
    {
      id: 's_q',
      type: 'user-questionnaire',
      key: 'about',
      title: 'About you',
      questions: [
        { id: 'q_name', type: 'string', key: 'name', title: 'Your name', mandatory: true },
      ],
    },
  ],
  targets: { sandbox: { enabled: true } },
}

/** A counting semaphore: at most `limit` holders at once. */
function limiter(limit: number) {
  let active = 0
  const waiting: Array<() => void> = []
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    active++
    try {
      return await task()
    } finally {
      active--
      waiting.shift()?.()
    }
  }
}

describe.runIf(process.env.TEST_DATABASE_URL)('load on PostgreSQL', () => {
  let t: TestApp
  let database: Database
  let ctx: AppContext
  let server: Server
  let base: string

  beforeAll(async () => {
    t = await createTestApp('postgres')
    // The server under load gets a production-sized pool on the test's schema.
    database = await openDatabase({
      databaseUrl: process.env.TEST_DATABASE_URL,
      schema: t.database.schema,
      poolSize: 20,
    })
    ctx = await createContext(t.config, database, { logger: pino({ level: 'silent' }) })
    server = createServer(createApp(ctx))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server?.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve))
    await ctx?.close()
    await database?.close()
    await t?.close()
  })

  it(`${SESSIONS} concurrent sandbox launches and completions are each recorded exactly once`, async () => {
    const flow = await createFlow(t, { document: LOAD_FLOW })
    await publish(t, flow.id)
    await subscribeWebhook(t, ['session.completed'])
    const developer = await createUserWithKey(t, 'developer')
    const limit = limiter(IN_FLIGHT)
    const failures: string[] = []
    const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      limit(async () => {
        const res = await fetch(base + path, {
          method,
          headers: {
            ...headers,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
        const json = (await res.json()) as { data?: Record<string, unknown> }
        if (!res.ok)
          failures.push(
            `${method} ${path.split('/').slice(0, 3).join('/')}: ${res.status} ${JSON.stringify(json)}`,
          )
        return json.data ?? {}
      })

    const started = performance.now()
    const completed = await Promise.all(
      Array.from({ length: SESSIONS }, async (_, i) => {
        const launched = await call('POST', '/api/launches', developer.auth, {
          flowId: flow.id,
          target: 'sandbox',
          user: { externalId: `load-user-${i}` },
        })
        const token = encodeURIComponent(/\/r\/([^/?#]+)$/.exec(String(launched.launchUrl))![1]!)
        const claimed = await call('POST', `/api/runner/${token}/claim`, {})
        const claim = { 'X-Runner-Claim': String(claimed.claim) }
        await call('PUT', `/api/runner/${token}/steps/s_q/answers`, claim, {
          answers: { q_name: `Person ${i}` },
        })
        await call('POST', `/api/runner/${token}/complete`, claim)
        return String(launched.sessionId)
      }),
    )
    const seconds = (performance.now() - started) / 1000
    console.info(
      `load: ${SESSIONS} sandbox sessions launched and completed (${SESSIONS * 4} requests, ${IN_FLIGHT} in flight) in ${seconds.toFixed(1)} s = ${((SESSIONS * 4) / seconds).toFixed(0)} req/s`,
    )

    expect(failures).toEqual([])
    expect(new Set(completed).size).toBe(SESSIONS)
    const sessions = await t.ctx.db
      .selectFrom('sessions')
      .select(['id', 'status', 'outcome'])
      .execute()
    expect(sessions).toHaveLength(SESSIONS)
    expect(sessions.every((s) => s.status === 'completed' && s.outcome === 'review_needed')).toBe(
      true,
    )
    const events = await t.ctx.db
      .selectFrom('session_events')
      .select(({ fn }) => ['session_id', fn.countAll<string>().as('n')])
      .where('type', '=', 'session.completed')
      .groupBy('session_id')
      .execute()
    expect(events).toHaveLength(SESSIONS)
    expect(events.every((e) => Number(e.n) === 1)).toBe(true)
    const outbox = await t.ctx.db
      .selectFrom('webhook_deliveries')
      .select(['payload'])
      .where('event_type', '=', 'session.completed')
      .execute()
    const perSession = new Map<string, number>()
    for (const { payload } of outbox) {
      const id = String((payload.data as { sessionId: string }).sessionId)
      perSession.set(id, (perSession.get(id) ?? 0) + 1)
    }
    expect(outbox).toHaveLength(SESSIONS)
    expect(perSession.size).toBe(SESSIONS)
    expect([...perSession.keys()].sort()).toEqual([...completed].sort())
  }, 300_000)
})
