import { expect } from 'vitest'
import type { TestApp } from '../../../test/support/test-app.ts'

/** Test helpers for the flows feature (not collected as tests: no `.test.` in the name). */

export type Json = Record<string, unknown>

/** A small valid flow with one step of each kind the identomat compiler needs. */
export function validDocument(name = 'Onboarding'): Json {
  return {
    schemaVersion: 1,
    name,
    languages: ['en'],
    steps: [
      {
        id: 's_email',
        type: 'email',
        key: 'email',
        title: 'Your email',
      },
    ],
    targets: { identomat: { enabled: true }, sandbox: { enabled: true } },
  }
}

/** POST /api/flows and return the new flow (asserting 201). */
export async function createFlow(t: TestApp, body: Json = {}): Promise<Json & { id: string }> {
  const res = await t.request.post('/api/flows').set(t.admin).send(body)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.data
}

/** PATCH the draft at `revision` (asserting 200) and return the new state. */
export async function saveDraft(
  t: TestApp,
  id: string,
  document: Json,
  revision: number,
): Promise<Json & { revision: number }> {
  const res = await t.request
    .patch(`/api/flows/${id}`)
    .set(t.admin)
    .set('If-Match', `"${revision}"`)
    .send({ document })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.data
}

/** Publish the draft (asserting 201) and return the version. */
export async function publish(t: TestApp, id: string, note = 'first'): Promise<Json> {
  const res = await t.request.post(`/api/flows/${id}/publish`).set(t.admin).send({ note })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.data
}

/** The audit entries about one flow, oldest first. */
export async function auditOf(t: TestApp, flowId: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('target_type', '=', 'flow')
    .where('target_id', '=', flowId)
    .orderBy('id')
    .execute()
}
