import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'

describe('the console served by the API', () => {
  let t: TestApp
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veriflow-console-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>')
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)')
    t = await createTestApp('pglite', { CONSOLE_DIR: dir })
  })
  afterAll(async () => t?.close())

  it('serves index.html for client-side routes, uncached', async () => {
    const res = await t.request.get('/flows/123').set('Accept', 'text/html').expect(200)
    expect(res.text).toContain('id="app"')
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it('serves hashed assets as immutable', async () => {
    const res = await t.request.get('/assets/index-abc.js').expect(200)
    expect(res.headers['cache-control']).toContain('immutable')
  })

  it('keeps unknown API routes in the JSON envelope', async () => {
    const res = await t.request.get('/api/nope').set('Accept', 'text/html').expect(404)
    expect(res.body.errors[0].code).toBe('ROUTE_NOT_FOUND')
  })
})

describe('the API without a built console', () => {
  it('starts and answers the API (the console is simply not served)', async () => {
    const t = await createTestApp('pglite', {
      CONSOLE_DIR: join(tmpdir(), 'veriflow-no-console-here'),
    })
    try {
      await t.request.get('/api/health').expect(200)
      const page = await t.request.get('/flows').set('Accept', 'text/html').expect(404)
      expect(page.body.errors[0].code).toBe('ROUTE_NOT_FOUND')
    } finally {
      await t.close()
    }
  })
})
