import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import { json } from '../../common/db/tables.ts'
import {
  JPEG,
  RunnerClient,
  completeSandboxSession,
  kycDocument,
  launchSandbox,
  publishedFlow,
} from '../sessions/sessions.test-helpers.ts'

type Json = Record<string, unknown>

/** A three-step flow for the timed funnel: an untitled step, and an operator step left out. */
function timedDocument(): Json {
  return {
    schemaVersion: 1,
    name: 'Timed',
    languages: ['en', 'ka'],
    steps: [
      { id: 's_a', type: 'identity-document', key: 'doc', title: { ka: 'ID', en: 'Your ID' } },
      { id: 's_ops', type: 'operator-questionnaire', key: 'ops', questions: [] },
      { id: 's_b', type: 'liveness', key: 'selfie' },
      {
        id: 's_c',
        type: 'user-questionnaire',
        key: 'about',
        title: 'About you',
        questions: [{ id: 'q_1', type: 'string', key: 'job', title: 'Job' }],
      },
    ],
    targets: { sandbox: { enabled: true }, identomat: { enabled: true } },
  }
}

const BASE = Date.parse('2026-05-04T08:00:00Z')
const at = (seconds: number) => new Date(BASE + seconds * 1000).toISOString()

interface Seeded {
  /** Seconds after BASE at which each step was first reached. */
  reached?: Record<string, number>
  createdAt?: string
  started?: boolean
  submittedAt?: number
  completedAt?: number
  decided?: boolean
  isTest?: boolean
  target?: 'sandbox' | 'identomat'
}

describe.each(DATABASE_KINDS)('GET /api/flows/:id/versions/:n/funnel on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  const funnel = (flowId: string, version: number | string, query = '', auth = t.admin) =>
    t.request.get(`/api/flows/${flowId}/versions/${version}/funnel${query}`).set(auth)

  async function stepEvents(sessionId: string) {
    const rows = await t.ctx.db
      .selectFrom('session_events')
      .select('data')
      .where('session_id', '=', sessionId)
      .where('type', '=', 'step.reached')
      .orderBy('id')
      .execute()
    return rows.map((row) => row.data.stepId)
  }

  it('counts sessions driven through the runner; each step is reached once per session', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t, kycDocument())

    const done = await launchSandbox(t, flowId)
    await completeSandboxSession(t, done.sessionId, done.token)
    const decided = await t.request
      .post(`/api/sessions/${done.sessionId}/decision`)
      .set(t.admin)
      .send({ decision: 'approved' })
    expect(decided.status, JSON.stringify(decided.body)).toBe(200)

    // Stops at the questionnaire: it went there, came back and went there again.
    const stuck = await launchSandbox(t, flowId)
    const stuckRunner = new RunnerClient(t, stuck.token)
    expect((await stuckRunner.claimLink()).status).toBe(200)
    expect((await stuckRunner.upload('s_doc', 'document_front', JPEG)).status).toBe(201)
    for (const step of ['s_form', 's_doc', 's_form']) {
      const res = await t.request
        .put(`/api/runner/${encodeURIComponent(stuck.token)}/progress`)
        .set('X-Runner-Claim', stuckRunner.claim!)
        .send({ currentStepId: step })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
    }
    const refused = await stuckRunner.answers('s_form', { answers: {} })
    expect(refused.status).toBe(400)

    // Opened the link, nothing more; and a link never opened.
    const opened = await launchSandbox(t, flowId)
    expect((await new RunnerClient(t, opened.token).claimLink()).status).toBe(200)
    await launchSandbox(t, flowId)

    // A test session of the draft is run to the end but never counted.
    const test = await launchSandbox(t, flowId, { version: 'draft' })
    await completeSandboxSession(t, test.sessionId, test.token)

    expect(await stepEvents(done.sessionId)).toEqual(['s_doc', 's_form', 's_mail'])
    expect(await stepEvents(stuck.sessionId)).toEqual(['s_doc', 's_form'])
    expect(await stepEvents(opened.sessionId)).toEqual(['s_doc'])

    const reviewer = await createUserWithKey(t, 'reviewer')
    const res = await funnel(flowId, 1, '', reviewer.auth)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const { steps, ...totals } = res.body.data
    expect(totals).toEqual({
      flowId,
      version: 1,
      from: null,
      to: null,
      target: null,
      launched: 4,
      started: 3,
      completed: 1,
      decided: 1,
    })
    expect(
      steps.map((s: Json) => [s.stepId, s.key, s.type, s.title, s.reached, s.dropOff]),
    ).toEqual([
      ['s_doc', 'identity-document', 'identity-document', 'Your ID', 3, 1],
      ['s_form', 'source_of_funds', 'user-questionnaire', 'Source of funds', 2, 1],
      ['s_mail', 'email', 'email', 'Email address', 1, 0],
    ])
    // Everyone who reached the next step (or submitted) has a time; the rest do not count.
    expect(steps.map((s: Json) => typeof s.medianSeconds)).toEqual(['number', 'number', 'number'])
  })

  it('computes reached, drop-off and median times from the step events, within the filter', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t, timedDocument())

    async function seed(s: Seeded): Promise<string> {
      const id = randomUUID()
      await t.ctx.db
        .insertInto('sessions')
        .values({
          id,
          flow_id: flowId,
          flow_version: 1,
          target: s.target ?? 'sandbox',
          is_test: s.isTest ?? false,
          status: s.completedAt !== undefined ? 'completed' : 'started',
          decision: s.decided ? 'approved' : null,
          external_user_id: `user-${id.slice(0, 8)}`,
          created_at: s.createdAt ?? at(-60),
          started_at: s.started === false ? null : at(0),
          submitted_at: s.submittedAt !== undefined ? at(s.submittedAt) : null,
          completed_at: s.completedAt !== undefined ? at(s.completedAt) : null,
          expires_at: '2030-01-01T00:00:00Z',
        })
        .execute()
      for (const [stepId, seconds] of Object.entries(s.reached ?? {}))
        await t.ctx.db
          .insertInto('session_events')
          .values({
            session_id: id,
            type: 'step.reached',
            at: at(seconds),
            data: json({ stepId }),
          })
          .execute()
      return id
    }

    const everyStep = { s_a: 0, s_b: 1, s_c: 2 }
    await seed({
      reached: { s_a: 0, s_b: 10, s_c: 40 },
      submittedAt: 100,
      completedAt: 105,
      decided: true,
    })
    await seed({ reached: { s_a: 0, s_b: 20, s_c: 60 }, submittedAt: 90, completedAt: 91 })
    await seed({ reached: { s_a: 0, s_b: 60 } })
    await seed({ reached: { s_a: 0 } })
    // Reached s_b before s_a (went back): no time for s_a.
    await seed({ reached: { s_a: 100, s_b: 50 } })
    await seed({ reached: { s_a: 0, s_b: 5, s_c: 10 } })
    await seed({ started: false })
    // Outside the filter: a test session, an earlier one, another target.
    await seed({ reached: everyStep, isTest: true, submittedAt: 3, completedAt: 3, decided: true })
    await seed({ reached: everyStep, createdAt: at(-7200), submittedAt: 3, completedAt: 3 })
    await seed({ target: 'identomat', completedAt: 30, decided: true })

    const from = at(-3600)
    const to = at(3600)
    const res = await funnel(flowId, 1, `?from=${from}&to=${to}&target=sandbox`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.data).toEqual({
      flowId,
      version: 1,
      from,
      to,
      target: 'sandbox',
      launched: 7,
      started: 6,
      steps: [
        // Spans to s_b: 10, 20, 60, 5 (and -50, went back: left out) → median 15.
        {
          stepId: 's_a',
          key: 'doc',
          type: 'identity-document',
          title: 'Your ID',
          reached: 6,
          dropOff: 1,
          medianSeconds: 15,
        },
        // Spans to s_c: 30, 40, 5 → 30.
        {
          stepId: 's_b',
          key: 'selfie',
          type: 'liveness',
          title: 'Liveness',
          reached: 5,
          dropOff: 2,
          medianSeconds: 30,
        },
        // Spans to submission: 60, 30 (the third never submitted) → 45.
        {
          stepId: 's_c',
          key: 'about',
          type: 'user-questionnaire',
          title: 'About you',
          reached: 3,
          dropOff: 1,
          medianSeconds: 45,
        },
      ],
      completed: 2,
      decided: 1,
    })

    // Without a filter: the earlier session and the other target count; the test one never.
    const all = await funnel(flowId, 1)
    expect(all.status).toBe(200)
    expect(all.body.data).toMatchObject({ launched: 9, started: 8, completed: 4, decided: 2 })
    expect(all.body.data.steps.map((s: Json) => [s.reached, s.dropOff, s.medianSeconds])).toEqual([
      [7, 1, 10], // spans 1, 5, 10, 20, 60
      [6, 2, 17.5], // spans 1, 5, 30, 40 (interpolated)
      [4, 0, 30], // spans 1, 30, 60; as many completed as reached
    ])
  })

  it('answers 404 for unknown flows and versions, 400 for bad filters, 403 without sessions:read', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t, timedDocument())
    const empty = await funnel(flowId, 1)
    expect(empty.body.data).toMatchObject({ launched: 0, started: 0, completed: 0, decided: 0 })
    expect(empty.body.data.steps.map((s: Json) => [s.reached, s.dropOff, s.medianSeconds])).toEqual(
      [
        [0, 0, null],
        [0, 0, null],
        [0, 0, null],
      ],
    )
    for (const [flow, version, code] of [
      [randomUUID(), '1', 'FLOW_NOT_FOUND'],
      ['not-a-flow', '1', 'FLOW_NOT_FOUND'],
      [flowId, '2', 'VERSION_NOT_FOUND'],
      [flowId, '0', 'VERSION_NOT_FOUND'],
      [flowId, 'latest', 'VERSION_NOT_FOUND'],
      [flowId, '99999999999', 'VERSION_NOT_FOUND'],
    ] as const) {
      const res = await funnel(flow, version)
      expect(res.status, `${flow} ${version}`).toBe(404)
      expect(res.body.errors[0].code).toBe(code)
    }
    const bad = await funnel(flowId, 1, '?from=yesterday')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('/query/from')
    const target = await funnel(flowId, 1, '?target=nowhere')
    expect(target.body.errors[0].path).toBe('/query/target')
    for (const role of ['designer', 'developer'] as const) {
      const user = await createUserWithKey(t, role)
      expect((await funnel(flowId, 1, '', user.auth)).status).toBe(403)
    }
    expect((await t.request.get(`/api/flows/${flowId}/versions/1/funnel`)).status).toBe(401)
  })
})
