import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { TEMPLATES_DIR } from '../templates/templates.service.ts'

describe.each(DATABASE_KINDS)('POST /api/validate (%s)', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('says a valid flow is valid', async () => {
    const flow = JSON.parse(readFileSync(`${TEMPLATES_DIR}/marketplace-seller.json`, 'utf8'))
    const res = await t.request.post('/api/validate').set(t.admin).send({ flow }).expect(200)
    expect(res.body.data.valid).toBe(true)
  })

  it('reports issues with paths, codes and severities', async () => {
    const flow = { schemaVersion: 1, name: 'x', languages: ['en'], steps: [{ id: 's', type: 'x' }] }
    const res = await t.request.post('/api/validate').set(t.admin).send({ flow }).expect(200)
    expect(res.body.data.valid).toBe(false)
    expect(res.body.data.issues).toContainEqual({
      path: '/steps/0/type',
      code: expect.any(String),
      message: expect.any(String),
      severity: 'error',
    })
  })

  it('answers 200 for any JSON value of flow', async () => {
    for (const flow of [null, 0, 'text', [], {}, [[[]]], { steps: { a: null } }, true]) {
      const res = await t.request.post('/api/validate').set(t.admin).send({ flow })
      expect(res.status, JSON.stringify(flow)).toBe(200)
      expect(res.body.data.valid).toBe(false)
    }
  })

  it('refuses over-deep input with 400 TOO_DEEP instead of crashing', async () => {
    const deep = `{"flow":${'['.repeat(50_000)}${']'.repeat(50_000)}}`
    const res = await t.request
      .post('/api/validate')
      .set(t.admin)
      .set('content-type', 'application/json')
      .send(deep)
      .expect(400)
    expect(res.body.errors[0].code).toBe('TOO_DEEP')
  })

  it('needs the flow field (400) and credentials (401)', async () => {
    const res = await t.request.post('/api/validate').set(t.admin).send({}).expect(400)
    expect(res.body.errors[0].code).toBe('SCHEMA_REQUIRED')
    await t.request.post('/api/validate').send({ flow: {} }).expect(401)
  })
})
