import { afterEach, describe, expect, it } from 'vitest'
import { sha256 } from '../../common/auth/tokens.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import { ProviderError } from '../../providers/provider-error.ts'
import type { ProviderAdapter } from '../../providers/provider.types.ts'
import { createFlow, publish, saveDraft } from '../flows/flows.test-helpers.ts'
import {
  appWithRoutes,
  kycDocument,
  launch,
  publishedFlow,
  tokenOf,
} from '../sessions/sessions.test-helpers.ts'
import { launchesRoutes } from './launches.router.ts'

const user = { externalId: 'customer-7', email: 'c7@example.com' }

/** A provider that fails as a down host would (injected: no fake in product code). */
function failingAdapter(calls: string[]): ProviderAdapter {
  return {
    target: 'identomat',
    async launch(input) {
      calls.push(input.sessionId)
      const row = await currentStatus?.(input.sessionId)
      seenStatus.push(row ?? 'missing')
      throw new ProviderError('unavailable', 'identomat', 'connection refused')
    },
    async fetchResult() {
      throw new Error('not used')
    },
  }
}
let currentStatus: ((id: string) => Promise<string | undefined>) | undefined
const seenStatus: string[] = []

describe.each(DATABASE_KINDS)('POST /api/launches on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  const sessionRow = (id: string) =>
    t.ctx.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('launches the latest published version on the sandbox with a developer API key', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const developer = await createUserWithKey(t, 'developer')
    const before = Date.now()
    const res = await launch(
      t,
      { flowId, target: 'sandbox', user, returnUrl: 'https://shop.example/done', language: 'ka' },
      developer.auth,
    )
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const { sessionId, launchUrl, expiresAt } = res.body.data
    expect(launchUrl).toMatch(/^http:\/\/localhost:3000\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    const ttl = new Date(expiresAt).getTime() - before
    expect(ttl).toBeGreaterThan(29 * 60_000)
    expect(ttl).toBeLessThanOrEqual(30 * 60_000 + 5_000)
    const row = await sessionRow(sessionId)
    expect(row).toMatchObject({
      flow_id: flowId,
      flow_version: 1,
      draft_document: null,
      target: 'sandbox',
      is_test: false,
      status: 'created',
      external_user_id: 'customer-7',
      user_details: { email: 'c7@example.com' },
      language: 'ka',
      return_url: 'https://shop.example/done',
      launch_origin: 'https://shop.example',
      launch_url: null,
      runner_token_hash: sha256(tokenOf(launchUrl)),
      created_by: developer.id,
    })
    const events = await t.ctx.db
      .selectFrom('session_events')
      .select('type')
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['session.created', 'session.launched'])
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'session.launched')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ target_type: 'session', target_id: sessionId })
    expect(audit.summary).toMatchObject({ flowId, version: 1, target: 'sandbox' })
  })

  it('pins the version asked for, and refuses one that does not exist', async () => {
    t = await createTestApp(kind)
    const flow = await createFlow(t, { document: kycDocument() })
    await publish(t, flow.id)
    const draft = await t.request.get(`/api/flows/${flow.id}`).set(t.admin)
    await saveDraft(t, flow.id, kycDocument({ name: 'Second' }), draft.body.data.revision)
    await publish(t, flow.id, 'second')
    const first = await launch(t, { flowId: flow.id, version: 1, target: 'sandbox', user })
    expect((await sessionRow(first.body.data.sessionId)).flow_version).toBe(1)
    const latest = await launch(t, { flowId: flow.id, target: 'sandbox', user })
    expect((await sessionRow(latest.body.data.sessionId)).flow_version).toBe(2)
    const missing = await launch(t, { flowId: flow.id, version: 9, target: 'sandbox', user })
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].code).toBe('VERSION_NOT_FOUND')
  })

  it('launches a draft on the sandbox as a test session, with a copy of the draft', async () => {
    t = await createTestApp(kind)
    const flow = await createFlow(t, { document: kycDocument({ name: 'Draft only' }) })
    const res = await launch(t, { flowId: flow.id, version: 'draft', target: 'sandbox', user })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const row = await sessionRow(res.body.data.sessionId)
    expect(row).toMatchObject({ flow_version: null, is_test: true })
    expect(row.draft_document).toMatchObject({ name: 'Draft only' })
    await saveDraft(t, flow.id, kycDocument({ name: 'Edited later' }), flow.revision as number)
    expect((await sessionRow(row.id)).draft_document).toMatchObject({ name: 'Draft only' })
    const unpublished = await launch(t, { flowId: flow.id, target: 'sandbox', user })
    expect(unpublished.status).toBe(422)
    expect(unpublished.body.errors[0]).toMatchObject({
      code: 'FLOW_NOT_PUBLISHED',
      path: '/version',
    })
  })

  it('refuses a draft on identomat, and a target the flow does not enable, creating nothing', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const draft = await launch(t, { flowId, version: 'draft', target: 'identomat', user })
    expect(draft.status).toBe(422)
    expect(draft.body.errors[0]).toMatchObject({ code: 'DRAFT_SANDBOX_ONLY', path: '/version' })
    const disabled = await launch(t, { flowId, target: 'trustmatic', user })
    expect(disabled.status).toBe(422)
    expect(disabled.body.errors[0]).toMatchObject({
      code: 'TARGET_DISABLED',
      path: '/targets/trustmatic/enabled',
    })
    expect(await t.ctx.db.selectFrom('sessions').selectAll().execute()).toEqual([])
  })

  it('refuses a flow whose compile to the target has errors, with their paths', async () => {
    t = await createTestApp(kind)
    const base = kycDocument()
    const steps = [
      ...(base.steps as object[]),
      { id: 's_call', type: 'video-call', key: 'video-call' },
    ]
    const flowId = await publishedFlow(t, kycDocument({ steps }))
    const res = await launch(t, { flowId, target: 'sandbox', user })
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([
      expect.objectContaining({ code: 'TARGET_UNSUPPORTED_STEP', path: '/steps/4' }),
    ])
    const anyCondition = structuredClone(base) as { steps: Array<{ questions?: object[] }> }
    ;(anyCondition.steps[1]!.questions![1] as { showWhen: object }).showWhen = {
      any: [
        { question: 'q_emp', op: 'equals', value: 'o_emp' },
        { question: 'q_emp', op: 'equals', value: 'o_oth' },
      ],
    }
    const compound = await publishedFlow(t, anyCondition)
    const identomat = await launch(t, { flowId: compound, target: 'identomat', user })
    expect(identomat.status).toBe(422)
    expect(identomat.body.errors[0].path).toMatch(/^\/steps\/1\/questions\/1\/showWhen/)
    expect(await t.ctx.db.selectFrom('sessions').selectAll().execute()).toEqual([])
  })

  it('validates the return URL, the language and the embedding origin', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    for (const [returnUrl, status] of [
      ['http://shop.example/done', 400],
      ['/relative', 400],
      ['javascript:alert(1)', 400],
      ['https://user:pw@shop.example/', 400],
      ['http://localhost:5173/done', 201],
    ] as const) {
      const res = await launch(t, { flowId, target: 'sandbox', user, returnUrl })
      expect(res.status, returnUrl).toBe(status)
      if (status === 400)
        expect(res.body.errors[0]).toMatchObject({ code: 'RETURN_URL_INVALID', path: '/returnUrl' })
    }
    const language = await launch(t, { flowId, target: 'sandbox', user, language: 'de' })
    expect(language.body.errors[0]).toMatchObject({
      code: 'LANGUAGE_NOT_IN_FLOW',
      path: '/language',
    })
    const origin = await launch(t, {
      flowId,
      target: 'sandbox',
      user,
      embedOrigin: 'https://a.example/path',
    })
    expect(origin.body.errors[0]).toMatchObject({ code: 'ORIGIN_INVALID', path: '/embedOrigin' })
  })

  it('records the launching origin from the Origin header first', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const res = await t.request
      .post('/api/launches')
      .set(t.admin)
      .set('Origin', 'https://app.example')
      .send({ flowId, target: 'sandbox', user, returnUrl: 'https://shop.example/done' })
    expect((await sessionRow(res.body.data.sessionId)).launch_origin).toBe('https://app.example')
    const embedded = await launch(t, {
      flowId,
      target: 'sandbox',
      user,
      embedOrigin: 'https://portal.example',
    })
    expect((await sessionRow(embedded.body.data.sessionId)).launch_origin).toBe(
      'https://portal.example',
    )
  })

  it('uses the default session lifetime of the app settings when the flow sets none', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t, kycDocument({ settings: {} }))
    const put = await t.request
      .put('/api/settings/app')
      .set(t.admin)
      .send({ sessionTtlMinutesDefault: 45 })
    expect(put.status).toBe(200)
    const before = Date.now()
    const res = await launch(t, { flowId, target: 'sandbox', user })
    const ttl = new Date(res.body.data.expiresAt).getTime() - before
    expect(ttl).toBeGreaterThan(44 * 60_000)
    expect(ttl).toBeLessThanOrEqual(45 * 60_000 + 5_000)
  })

  it('stores the session before calling the provider; a provider failure is a 502 and status error', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const calls: string[] = []
    currentStatus = async (id) =>
      (
        await t.ctx.db
          .selectFrom('sessions')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirst()
      )?.status
    seenStatus.length = 0
    const api = appWithRoutes(
      t,
      launchesRoutes(t.ctx, { adapters: { identomat: failingAdapter(calls) } }),
    )
    const res = await api
      .post('/api/launches')
      .set(t.admin)
      .send({ flowId, target: 'identomat', user })
    expect(res.status).toBe(502)
    expect(res.body.errors[0]).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' })
    expect(res.body.errors[0].message).toContain('connection refused')
    expect(seenStatus).toEqual(['created'])
    const row = await sessionRow(calls[0]!)
    expect(row).toMatchObject({ status: 'error', error_code: 'PROVIDER_UNAVAILABLE' })
    const events = await t.ctx.db
      .selectFrom('session_events')
      .select(['type', 'data'])
      .where('session_id', '=', row.id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['session.created', 'session.error'])
    expect(events[1]!.data).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' })
  })

  it('keeps what a provider answered, and never extends the session past its own expiry', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const soon = new Date(Date.now() + 5 * 60_000)
    const adapter: ProviderAdapter = {
      target: 'identomat',
      launch: async (input) => ({
        providerRef: `tok-${input.sessionId.slice(0, 8)}`,
        launchUrl: 'https://widget.identomat.com/?session_token=abc',
        expiresAt: soon,
        state: { attempt: 1 },
      }),
      fetchResult: async () => ({ final: false, outcome: null, summary: {}, raw: null }),
    }
    const api = appWithRoutes(t, launchesRoutes(t.ctx, { adapters: { identomat: adapter } }))
    const res = await api
      .post('/api/launches')
      .set(t.admin)
      .send({ flowId, target: 'identomat', user })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.data).toEqual({
      sessionId: expect.any(String),
      launchUrl: 'https://widget.identomat.com/?session_token=abc',
      expiresAt: expect.any(String),
    })
    expect(Math.abs(new Date(res.body.data.expiresAt).getTime() - soon.getTime())).toBeLessThan(
      1000,
    )
    expect(await sessionRow(res.body.data.sessionId)).toMatchObject({
      status: 'created',
      provider_ref: `tok-${res.body.data.sessionId.slice(0, 8)}`,
      launch_url: 'https://widget.identomat.com/?session_token=abc',
      provider_state: { attempt: 1 },
    })
  })
})
