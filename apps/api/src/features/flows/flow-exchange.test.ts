import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { auditOf, validDocument } from './flows.test-helpers.ts'

const IDENTOMAT_DIR = fileURLToPath(new URL('../../../../../examples/identomat/', import.meta.url))
const IDENTOMAT_EXAMPLES = readdirSync(IDENTOMAT_DIR).filter((file) => file.endsWith('.json'))

function example(file: string): { flags?: unknown; steps?: unknown } {
  return JSON.parse(readFileSync(IDENTOMAT_DIR + file, 'utf8'))
}

describe.each(DATABASE_KINDS)('flows: import and export (%s)', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('has Identomat examples to round-trip', () => {
    expect(IDENTOMAT_EXAMPLES.length).toBeGreaterThan(5)
  })

  it.each(IDENTOMAT_EXAMPLES)('imports %s and exports the same flags and steps', async (file) => {
    const payload = example(file)
    const imported = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'identomat', payload, name: file })
      .expect(201)
    const flow = imported.body.data
    expect(flow).toMatchObject({ name: file, revision: 1 })
    expect(flow.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([])
    const exported = await t.request
      .get(`/api/flows/${flow.id}/export`)
      .query({ target: 'identomat' })
      .set(t.admin)
      .expect(200)
    expect(exported.body.data.payload.flags).toEqual(payload.flags)
    expect(exported.body.data.payload.steps).toEqual(payload.steps)
    expect(exported.body.data.payload.company_key).toBe('<company_key>')
  })

  it('audits an import as a creation from an import, with where it came from', async () => {
    const res = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'identomat', payload: example(IDENTOMAT_EXAMPLES[0]!) })
      .expect(201)
    const audit = await auditOf(t, res.body.data.id)
    expect(
      audit.map((entry) => [entry.action, entry.summary.source ?? entry.summary.from]),
    ).toEqual([
      ['flow.created', 'import'],
      ['flow.imported', 'identomat'],
    ])
  })

  it('refuses an Identomat payload with errors: 422, paths into the payload, nothing created', async () => {
    const before = await t.ctx.db
      .selectFrom('flows')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    const payload = {
      flags: { language: 'en' },
      steps: [
        { type: 'bogus', key: 'x' },
        {
          type: 'user-questionnaire',
          key: 'q',
          questions: [
            { type: 'string', key: 'a', showConditions: { questionKey: 'zzz', answer: 'y' } },
          ],
        },
      ],
    }
    const res = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'identomat', payload })
      .expect(422)
    const paths = res.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining(['/steps/0/type', '/steps/1/questions/0/showConditions/questionKey']),
    )
    for (const entry of res.body.errors)
      expect(entry).toEqual({
        code: expect.any(String),
        message: expect.any(String),
        path: expect.any(String),
        severity: expect.stringMatching(/^(error|warning)$/),
      })
    const after = await t.ctx.db
      .selectFrom('flows')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    const notObject = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'identomat', payload: [1] })
      .expect(422)
    expect(notObject.body.errors[0]).toMatchObject({ code: 'IMPORT_INVALID', path: '' })
  })

  it('answers a dry run with the report and creates nothing', async () => {
    const payload = { flags: { language: 'en' }, steps: [{ type: 'bogus', key: 'x' }] }
    const res = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'identomat', payload, dryRun: true })
      .expect(200)
    expect(res.body.data).toMatchObject({ valid: false, document: { name: expect.any(String) } })
    expect(res.body.data.issues).toContainEqual(expect.objectContaining({ path: '/steps/0/type' }))
    const good = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'veriflow', payload: validDocument('Dry'), dryRun: true })
      .expect(200)
    expect(good.body.data).toEqual({ valid: true, issues: [], document: validDocument('Dry') })
    const list = await t.request.get('/api/flows').query({ q: 'Dry' }).set(t.admin)
    expect(list.body.data).toEqual([])
  })

  it('imports a Veriflow document, renamed when a name is given', async () => {
    const res = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'veriflow', payload: validDocument('From a file'), name: 'Renamed' })
      .expect(201)
    expect(res.body.data).toMatchObject({
      name: 'Renamed',
      draft: { ...validDocument(), name: 'Renamed' },
      issues: [],
    })
  })

  it('refuses an invalid Veriflow document with 422 and document paths', async () => {
    const payload = { ...validDocument(), languages: 'en', extra: true }
    const res = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'veriflow', payload })
      .expect(422)
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/languages', '/extra']),
    )
    const scalar = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'veriflow', payload: 'text' })
      .expect(422)
    expect(scalar.body.errors[0].path).toBe('')
  })

  it('validates the import request itself with 400', async () => {
    const res = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'typeform', payload: {} })
      .expect(400)
    expect(res.body.errors[0].path).toBe('/from')
    const missing = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'veriflow' })
    expect(missing.status).toBe(400)
    const nul = await t.request
      .post('/api/flows/import')
      .set(t.admin)
      .send({ from: 'veriflow', payload: { name: '\u0000' } })
      .expect(400)
    expect(nul.body.errors[0]).toMatchObject({
      code: 'UNSUPPORTED_CHARACTER',
      path: '/payload/name',
    })
  })
})
