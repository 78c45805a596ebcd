import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'

describe.each(DATABASE_KINDS)('GET /api/health on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  it('says ok and names the database', async () => {
    t = await createTestApp(kind)
    const res = await t.request.get('/api/health').expect(200)
    expect(res.body).toEqual({ data: { status: 'ok', database: kind } })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-request-id']).toBeTruthy()
  })

  it('answers unknown routes with 404 in the envelope', async () => {
    t = await createTestApp(kind)
    const res = await t.request.get('/api/nope').expect(404)
    expect(res.body).toEqual({
      errors: [{ code: 'ROUTE_NOT_FOUND', message: 'no route GET /nope' }],
    })
  })
})
