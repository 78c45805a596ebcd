import { validateFlow } from '@veriflow/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { TemplatesService } from './templates.service.ts'

describe('TemplatesService', () => {
  it('reads examples/flows relative to the code, not the working directory', () => {
    const cwd = process.cwd()
    try {
      process.chdir('/')
      const ids = new TemplatesService().list().map((template) => template.id)
      expect(ids).toContain('marketplace-seller')
    } finally {
      process.chdir(cwd)
    }
  })

  it('offers only valid documents, and hands out copies', () => {
    const templates = new TemplatesService()
    for (const { id } of templates.list()) {
      const template = templates.find(id)!
      expect(validateFlow(template.document).valid, id).toBe(true)
      template.document.name = 'changed'
      expect(templates.find(id)!.document.name).not.toBe('changed')
    }
  })
})

describe.each(DATABASE_KINDS)('GET /api/templates (%s)', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('lists templates and reads one with its document', async () => {
    const list = await t.request.get('/api/templates').set(t.admin).expect(200)
    const kyc = list.body.data.find((template: { id: string }) => template.id === 'kyc-lite')
    expect(kyc).toEqual({
      id: 'kyc-lite',
      name: expect.any(String),
      description: expect.any(String),
      stepCount: expect.any(Number),
    })
    const one = await t.request.get('/api/templates/kyc-lite').set(t.admin).expect(200)
    expect(one.body.data).toMatchObject({ ...kyc, document: { name: kyc.name } })
    expect(one.body.data.document.steps).toHaveLength(kyc.stepCount)
  })

  it('answers 404 for an unknown template and 401 without credentials', async () => {
    const res = await t.request.get('/api/templates/nope').set(t.admin).expect(404)
    expect(res.body.errors[0].code).toBe('TEMPLATE_NOT_FOUND')
    await t.request.get('/api/templates').expect(401)
  })
})
