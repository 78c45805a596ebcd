import type { Express, Router } from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'

interface Layer {
  route?: { path: string; methods: Record<string, boolean> }
  handle: Router & { stack?: Layer[] }
  name?: string
  matchers?: unknown
}

/** Every method + path Express actually serves under /api (walking the real router stack). */
function mountedApiRoutes(app: Express): string[] {
  const out: string[] = []
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.push(`${method} ${prefix}${layer.route.path}`)
      } else if (layer.name === 'router' && layer.handle.stack) {
        walk(layer.handle.stack, prefix)
      }
    }
  }
  const root = (app as unknown as { router: { stack: Layer[] } }).router.stack
  const api = root.find(
    (layer) => layer.name === 'router' && layer.handle.stack?.some((l) => l.route),
  )
  walk(api?.handle.stack ?? [], '')
  return out
}

describe('GET /api/openapi.json', () => {
  let t: TestApp
  let doc: {
    openapi: string
    paths: Record<
      string,
      Record<string, { responses: Record<string, unknown>; security?: unknown[] }>
    >
    components: { schemas: Record<string, unknown> }
  }
  beforeAll(async () => {
    t = await createTestApp('pglite')
    doc = (await t.request.get('/api/openapi.json').expect(200)).body
  })
  afterAll(async () => t?.close())

  it('is an OpenAPI 3.1 document with the flow schema as a component', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.schemas.Flow).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['steps']),
    })
    expect(doc.components.schemas.Step_user_questionnaire).toBeDefined()
    expect(JSON.stringify(doc)).not.toContain('urn:veriflow:schema:step')
  })

  it('describes every route the app serves under /api', () => {
    const mounted = mountedApiRoutes(t.app)
    expect(mounted.length).toBeGreaterThan(2)
    for (const route of mounted) {
      const [method, path] = route.split(' ') as [string, string]
      const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
      expect(
        doc.paths[openApiPath]?.[method],
        `${route} is missing from the OpenAPI document`,
      ).toBeDefined()
    }
  })

  it('documents the error envelope for protected routes and marks public ones', () => {
    expect(doc.paths['/health']?.get?.security).toEqual([])
    const audit = doc.paths['/audit']?.get
    expect(audit?.responses['401']).toBeDefined()
    expect(audit?.responses['403']).toBeDefined()
  })

  it('serves the API reference viewer without a CDN', async () => {
    const page = await t.request.get('/api/docs/').expect(200)
    expect(page.text).toContain('swagger-ui')
    expect(page.text).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/)
  })
})
