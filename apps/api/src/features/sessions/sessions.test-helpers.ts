import { randomBytes } from 'node:crypto'
import express from 'express'
import supertest from 'supertest'
import { expect } from 'vitest'
import type { TestApp } from '../../../test/support/test-app.ts'
import { json } from '../../common/db/tables.ts'
import { errorHandler } from '../../common/errors/error-handler.ts'
import { mountRoutes, type RouteDef } from '../../common/http/route.ts'
import { createFlow, publish, type Json } from '../flows/flows.test-helpers.ts'

/** Test helpers for launches, the runner and review (not collected: no `.test.` suffix). */

/** A sandbox-and-Identomat flow: document, a conditional questionnaire, email OTP, operator checks. */
export function kycDocument(overrides: Json = {}): Json {
  return {
    schemaVersion: 1,
    name: 'Sandbox KYC',
    languages: ['en', 'ka'],
    settings: { qr: { allow: true }, sessionTtlMinutes: 30 },
    steps: [
      {
        id: 's_doc',
        type: 'identity-document',
        key: 'identity-document',
        title: { en: 'Your ID', ka: 'თქვენი ID' },
      },
      {
        id: 's_form',
        type: 'user-questionnaire',
        key: 'source_of_funds',
        title: { en: 'Source of funds', ka: 'სახსრები' },
        questions: [
          {
            id: 'q_emp',
            type: 'options',
            key: 'employment',
            title: { en: 'Employment', ka: 'დასაქმება' },
            mandatory: true,
            options: [
              { id: 'o_emp', key: 'employed', title: { en: 'Employed', ka: 'დასაქმებული' } },
              { id: 'o_oth', key: 'other', title: { en: 'Other', ka: 'სხვა' } },
            ],
          },
          {
            id: 'q_employer',
            type: 'string',
            key: 'employer',
            title: { en: 'Employer', ka: 'დამსაქმებელი' },
            mandatory: true,
            showWhen: { all: [{ question: 'q_emp', op: 'equals', value: 'o_emp' }] },
          },
          {
            id: 'q_note',
            type: 'string',
            key: 'note',
            title: { en: 'Anything else?', ka: 'სხვა?' },
          },
        ],
      },
      { id: 's_mail', type: 'email', key: 'email', flags: { require_email_check: true } },
      {
        id: 's_ops',
        type: 'operator-questionnaire',
        key: 'review',
        questions: [
          {
            id: 'q_ok',
            type: 'options',
            key: 'docs_ok',
            title: 'Documents OK?',
            mandatory: true,
            options: [
              { id: 'o_yes', key: 'yes', title: 'Yes' },
              { id: 'o_no', key: 'no', title: 'No' },
            ],
          },
        ],
      },
    ],
    targets: { sandbox: { enabled: true }, identomat: { enabled: true } },
    ...overrides,
  }
}

/** Creates a flow from `document` and publishes it; returns its id. */
export async function publishedFlow(t: TestApp, document: Json = kycDocument()): Promise<string> {
  const flow = await createFlow(t, { document })
  await publish(t, flow.id)
  return flow.id
}

/** POST /api/launches as `auth` (default: the ADMIN_TOKEN). */
export function launch(t: TestApp, body: Json, auth: Record<string, string> = t.admin) {
  return t.request.post('/api/launches').set(auth).send(body)
}

/** The runner token of a sandbox launch URL (`…/r/<token>`). */
export function tokenOf(launchUrl: string): string {
  const match = /\/r\/(?:continue\/)?([^/?#]+)$/.exec(launchUrl)
  expect(match, launchUrl).not.toBeNull()
  return decodeURIComponent(match![1]!)
}

/** Launches the flow on the sandbox (asserting 201); returns the session id and runner token. */
export async function launchSandbox(
  t: TestApp,
  flowId: string,
  extra: Json = {},
): Promise<{ sessionId: string; token: string; expiresAt: string }> {
  const res = await launch(t, {
    flowId,
    target: 'sandbox',
    user: { externalId: `user-${randomBytes(4).toString('hex')}` },
    returnUrl: 'https://shop.example/kyc/done?ref=42',
    ...extra,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return {
    sessionId: res.body.data.sessionId,
    token: tokenOf(res.body.data.launchUrl),
    expiresAt: res.body.data.expiresAt,
  }
}

/** The runner API of one browser: claims once, then sends its claim on every call. */
export class RunnerClient {
  claim: string | undefined

  constructor(
    private readonly t: TestApp,
    readonly token: string,
  ) {}

  private path(suffix = ''): string {
    return `/api/runner/${encodeURIComponent(this.token)}${suffix}`
  }

  private headers(): Record<string, string> {
    return this.claim ? { 'X-Runner-Claim': this.claim } : {}
  }

  async claimLink(continuation = false) {
    const path = continuation
      ? `/api/runner/continue/${encodeURIComponent(this.token)}/claim`
      : this.path('/claim')
    const res = await supertest(this.t.app).post(path)
    if (res.status === 200) this.claim = res.body.data.claim
    return res
  }

  get() {
    return supertest(this.t.app).get(this.path()).set(this.headers())
  }

  answers(stepId: string, body: Json) {
    return supertest(this.t.app)
      .put(this.path(`/steps/${stepId}/answers`))
      .set(this.headers())
      .send(body)
  }

  upload(stepId: string, kind: string, bytes: Buffer, contentType = 'image/jpeg') {
    return supertest(this.t.app)
      .post(this.path(`/steps/${stepId}/media?kind=${kind}`))
      .set(this.headers())
      .set('Content-Type', contentType)
      .send(bytes)
  }

  requestOtp(stepId: string, body: Json = {}) {
    return supertest(this.t.app)
      .post(this.path(`/steps/${stepId}/otp`))
      .set(this.headers())
      .send(body)
  }

  verifyOtp(stepId: string, code: string) {
    return supertest(this.t.app)
      .post(this.path(`/steps/${stepId}/otp/verify`))
      .set(this.headers())
      .send({ code })
  }

  complete() {
    return supertest(this.t.app).post(this.path('/complete')).set(this.headers())
  }

  handoff() {
    return supertest(this.t.app).post(this.path('/handoff')).set(this.headers())
  }
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

/** Bytes that start like a JPEG/JFIF file (what content sniffing looks at). */
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
  randomBytes(200),
  Buffer.from([0xff, 0xd9]),
])

/** The code the sandbox OTP sender recorded on the session's timeline. */
export async function lastOtpCode(t: TestApp, sessionId: string): Promise<string> {
  const event = await t.ctx.db
    .selectFrom('session_events')
    .select('data')
    .where('session_id', '=', sessionId)
    .where('type', '=', 'otp.sent')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return String(event.data.code)
}

/** Drives a sandbox session through every step to completion; returns the runner. */
export async function completeSandboxSession(t: TestApp, sessionId: string, token: string) {
  const runner = new RunnerClient(t, token)
  expect((await runner.claimLink()).status).toBe(200)
  expect((await runner.upload('s_doc', 'document_front', JPEG)).status).toBe(201)
  const saved = await runner.answers('s_form', {
    answers: { q_emp: 'o_oth', q_note: '=cmd|calc' },
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  expect((await runner.requestOtp('s_mail', { value: 'person@example.com' })).status).toBe(200)
  expect((await runner.verifyOtp('s_mail', await lastOtpCode(t, sessionId))).status).toBe(200)
  const done = await runner.complete()
  expect(done.status, JSON.stringify(done.body)).toBe(200)
  return runner
}

/** A webhook subscribed to both session events, so the outbox gets rows to count. */
export async function subscribeWebhook(t: TestApp): Promise<void> {
  await t.ctx.db
    .insertInto('webhooks')
    .values({
      url: 'https://hooks.example/veriflow',
      secret_sealed: 'x',
      events: json(['session.completed', 'session.decided']),
    })
    .execute()
}

/** The outbox rows of one event type about one session. */
export async function outboxOf(t: TestApp, type: string, sessionId: string) {
  const rows = await t.ctx.db
    .selectFrom('webhook_deliveries')
    .select(['event_type', 'payload'])
    .where('event_type', '=', type)
    .execute()
  return rows.filter((row) => (row.payload.data as Json).sessionId === sessionId)
}

/** An app serving only `routes` (with authentication and the error envelope), for injected fakes. */
export function appWithRoutes(t: TestApp, routes: RouteDef[]) {
  const app = express()
  const api = express.Router()
  api.use(express.json())
  api.use(t.ctx.authenticator.middleware)
  mountRoutes(api, routes)
  app.use('/api', api)
  app.use(errorHandler(t.ctx.logger, false))
  return supertest(app)
}
