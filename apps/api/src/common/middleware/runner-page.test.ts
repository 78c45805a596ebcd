import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { launchSandbox, publishedFlow } from '../../features/sessions/sessions.test-helpers.ts'
import { withFrameAncestors } from './runner-page.ts'

describe('the runner page served by the API', () => {
  let t: TestApp
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veriflow-runner-'))
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="app"></div>')
    writeFileSync(join(dir, 'runner.html'), '<!doctype html><div id="runner"></div>')
    t = await createTestApp('pglite', { CONSOLE_DIR: dir })
  })
  afterAll(async () => t?.close())

  it('serves runner.html for launch and continuation links, never cached', async () => {
    for (const path of ['/r/some.token', '/r/continue/other.token']) {
      const res = await t.request.get(path).set('Accept', 'text/html').expect(200)
      expect(res.text).toContain('id="runner"')
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'")
    }
  })

  it('lets the launching origin frame a launch link’s page, and nobody else', async () => {
    const flowId = await publishedFlow(t)
    const { token } = await launchSandbox(t, flowId, {
      returnUrl: undefined,
      embedOrigin: 'https://shop.example',
    })
    const framed = await t.request.get(`/r/${token}`).expect(200)
    expect(framed.headers['content-security-policy']).toContain(
      "frame-ancestors 'self' https://shop.example",
    )
    expect(framed.headers['x-frame-options']).toBeUndefined()
    const forged = await t.request.get(`/r/${token}x`).expect(200)
    expect(forged.headers['content-security-policy']).toMatch(/frame-ancestors 'self'(;|$)/)
    expect(forged.headers['x-frame-options']).toBe('SAMEORIGIN')
  })

  it('leaves /r/return/* to the API’s return page and other paths to the console', async () => {
    const res = await t.request.get('/r/return/not-a-uuid').set('Accept', 'text/html').expect(404)
    expect(res.text).toContain('This link is not valid')
    const console = await t.request.get('/r/a/b').set('Accept', 'text/html').expect(200)
    expect(console.text).toContain('id="app"')
  })

  it('replaces frame-ancestors in a CSP, or adds it', () => {
    expect(
      withFrameAncestors(
        "default-src 'self';frame-ancestors 'self';img-src data:",
        "'self' https://a.test",
      ),
    ).toBe("default-src 'self'; img-src data:; frame-ancestors 'self' https://a.test")
    expect(withFrameAncestors("default-src 'self'", "'none'")).toBe(
      "default-src 'self'; frame-ancestors 'none'",
    )
  })
})
