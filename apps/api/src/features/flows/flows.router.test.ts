import { readdirSync } from 'node:fs'
import pino from 'pino'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../app.ts'
import { createContext } from '../../common/context.ts'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { TEMPLATES_DIR } from '../templates/templates.service.ts'
import { auditOf, createFlow, saveDraft, validDocument } from './flows.test-helpers.ts'

const TEMPLATE_IDS = readdirSync(TEMPLATES_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -5))

describe.each(DATABASE_KINDS)('flows: create, read, save, archive (%s)', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('creates a blank flow: a valid draft with no steps, sandbox enabled', async () => {
    const flow = await createFlow(t, { name: 'Blank one' })
    expect(flow).toMatchObject({
      name: 'Blank one',
      revision: 1,
      latestVersion: null,
      archived: false,
      updatedBy: 'ADMIN_TOKEN',
      draft: {
        schemaVersion: 1,
        name: 'Blank one',
        languages: ['en'],
        steps: [],
        targets: { sandbox: { enabled: true } },
      },
    })
    expect(flow.issues).toEqual([
      expect.objectContaining({ code: 'FLOW_EMPTY', severity: 'warning' }),
    ])
    const audit = await auditOf(t, flow.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      action: 'flow.created',
      actor_kind: 'admin_token',
      actor_label: 'ADMIN_TOKEN',
      summary: { source: 'blank', name: 'Blank one', stepCount: 0 },
    })
    expect(audit[0]!.request_id).toBeTruthy()
  })

  it('names a blank flow without a name "Untitled flow"', async () => {
    const flow = await createFlow(t)
    expect(flow.name).toBe('Untitled flow')
    expect((flow.draft as { name: string }).name).toBe('Untitled flow')
  })

  it.each(TEMPLATE_IDS)('creates a flow from the template %s, a valid draft', async (id) => {
    const flow = await createFlow(t, { template: id })
    const issues = flow.issues as Array<{ severity: string }>
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([])
    expect(flow.draft).not.toHaveProperty('$schema')
    const audit = await auditOf(t, flow.id)
    expect(audit[0]!.summary).toMatchObject({ source: 'template', template: id })
  })

  it('lists the templates, and creates from one under another name', async () => {
    const res = await t.request.get('/api/templates').set(t.admin).expect(200)
    expect(res.body.data.map((template: { id: string }) => template.id)).toEqual(TEMPLATE_IDS)
    for (const template of res.body.data)
      expect(template).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        description: expect.any(String),
        stepCount: expect.any(Number),
      })
    const flow = await createFlow(t, { template: 'kyc-lite', name: 'My KYC' })
    expect(flow.name).toBe('My KYC')
    expect((flow.draft as { name: string }).name).toBe('My KYC')
  })

  it('refuses an unknown template or flow to copy with 422 at the field', async () => {
    const template = await t.request
      .post('/api/flows')
      .set(t.admin)
      .send({ template: 'nope' })
      .expect(422)
    expect(template.body.errors).toEqual([
      expect.objectContaining({ code: 'TEMPLATE_NOT_FOUND', path: '/template' }),
    ])
    const copy = await t.request
      .post('/api/flows')
      .set(t.admin)
      .send({ duplicateOf: '00000000-0000-4000-8000-000000000000' })
      .expect(422)
    expect(copy.body.errors[0]).toMatchObject({ code: 'FLOW_NOT_FOUND', path: '/duplicateOf' })
    const both = await t.request
      .post('/api/flows')
      .set(t.admin)
      .send({ template: 'kyc-lite', document: {} })
      .expect(400)
    expect(both.body.errors[0]).toMatchObject({ code: 'CREATE_SOURCE_AMBIGUOUS' })
  })

  it('duplicates a flow’s draft', async () => {
    const original = await createFlow(t, { document: validDocument('Source') })
    await saveDraft(t, original.id, validDocument('Source v2'), 1)
    const copy = await createFlow(t, { duplicateOf: original.id })
    expect(copy.id).not.toBe(original.id)
    expect(copy.name).toBe('Source v2 (copy)')
    expect(copy.draft).toEqual({ ...validDocument(), name: 'Source v2 (copy)' })
    expect((await auditOf(t, copy.id))[0]!.summary).toMatchObject({
      source: 'duplicate',
      duplicateOf: original.id,
    })
  })

  it('creates a flow from a given document, even an invalid one', async () => {
    const flow = await createFlow(t, { document: { name: 'Half done', steps: 'oops' } })
    expect(flow.name).toBe('Half done')
    expect(flow.draft).toEqual({ name: 'Half done', steps: 'oops' })
    expect((flow.issues as Array<{ severity: string }>).some((i) => i.severity === 'error')).toBe(
      true,
    )
  })

  it('reads a flow with its draft, issues and ETag', async () => {
    const created = await createFlow(t, { document: validDocument('Readable') })
    const res = await t.request.get(`/api/flows/${created.id}`).set(t.admin).expect(200)
    expect(res.headers.etag).toBe('"1"')
    expect(res.body.data).toEqual({
      id: created.id,
      name: 'Readable',
      draft: validDocument('Readable'),
      revision: 1,
      latestVersion: null,
      archived: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      updatedBy: 'ADMIN_TOKEN',
      issues: [],
    })
  })

  it('answers 404 for an unknown id and for an id that is not a uuid, on every flow route', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000'
    for (const id of [unknown, 'not-a-uuid', '1', "x'; drop table flows; --"]) {
      const path = `/api/flows/${encodeURIComponent(id)}`
      const answers = await Promise.all([
        t.request.get(path).set(t.admin),
        t.request.patch(path).set(t.admin).set('If-Match', '"1"').send({ document: {} }),
        t.request.delete(path).set(t.admin),
        t.request.post(`${path}/unarchive`).set(t.admin),
        t.request.post(`${path}/publish`).set(t.admin).send({ note: 'n' }),
        t.request.get(`${path}/versions`).set(t.admin),
        t.request.get(`${path}/versions/1`).set(t.admin),
        t.request.post(`${path}/versions/1/restore`).set(t.admin),
        t.request.get(`${path}/export?target=sandbox`).set(t.admin),
      ])
      for (const [i, res] of answers.entries()) {
        expect(res.status, `request ${i} for ${id}`).toBe(404)
        expect(res.body.errors[0].code).toMatch(/NOT_FOUND$/)
      }
    }
  })

  it('saves a draft with If-Match, bumps the revision and keeps the name in step', async () => {
    const flow = await createFlow(t, { document: validDocument('Before') })
    const res = await t.request
      .patch(`/api/flows/${flow.id}`)
      .set(t.admin)
      .set('If-Match', '"1"')
      .send({ document: validDocument('After') })
      .expect(200)
    expect(res.headers.etag).toBe('"2"')
    expect(res.body.data).toMatchObject({ id: flow.id, name: 'After', revision: 2, issues: [] })
    const read = await t.request.get(`/api/flows/${flow.id}`).set(t.admin).expect(200)
    expect(read.body.data).toMatchObject({
      name: 'After',
      revision: 2,
      draft: validDocument('After'),
    })
    const list = await t.request.get('/api/flows').query({ q: 'After' }).set(t.admin).expect(200)
    expect(list.body.data.map((item: { id: string }) => item.id)).toContain(flow.id)
  })

  it('reads the draft another instance saved since: the revision decides, never a cache', async () => {
    const other = await createContext(t.config, t.database, { logger: pino({ level: 'silent' }) })
    try {
      const elsewhere = supertest(createApp(other))
      const flow = await createFlow(t, { document: validDocument('First') })
      const path = `/api/flows/${flow.id}`
      // Both instances have read (and may keep) revision 1.
      for (const request of [t.request, elsewhere])
        expect((await request.get(path).set(t.admin).expect(200)).body.data.draft).toEqual(
          validDocument('First'),
        )
      await elsewhere
        .patch(path)
        .set(t.admin)
        .set('If-Match', '"1"')
        .send({ document: validDocument('Second') })
        .expect(200)
      const read = await t.request.get(path).set(t.admin).expect(200)
      expect(read.headers.etag).toBe('"2"')
      expect(read.body.data).toMatchObject({ name: 'Second', revision: 2 })
      expect(read.body.data.draft).toEqual(validDocument('Second'))
      // State that changes without a new revision is read fresh too.
      await elsewhere.delete(path).set(t.admin).expect(200)
      const archived = await t.request.get(path).set(t.admin).expect(200)
      expect(archived.body.data).toMatchObject({ revision: 2, archived: true })
      expect(archived.body.data.draft).toEqual(validDocument('Second'))
    } finally {
      await other.close()
    }
  })

  it('accepts the revision in the body instead of If-Match', async () => {
    const flow = await createFlow(t)
    const res = await t.request
      .patch(`/api/flows/${flow.id}`)
      .set(t.admin)
      .send({ document: validDocument(), revision: 1 })
      .expect(200)
    expect(res.body.data.revision).toBe(2)
  })

  it('saves a draft with validation errors (autosave never loses work) and reports them', async () => {
    const flow = await createFlow(t, { document: validDocument('Work') })
    const broken = { ...validDocument('Work'), languages: [], steps: [{ id: 's1', type: 'nope' }] }
    const saved = await saveDraft(t, flow.id, broken, 1)
    expect(saved.revision).toBe(2)
    const issues = saved.issues as Array<{ path: string; severity: string }>
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.path)).toEqual(
      expect.arrayContaining(['/languages', '/steps/0/type']),
    )
    const read = await t.request.get(`/api/flows/${flow.id}`).set(t.admin).expect(200)
    expect(read.body.data.draft).toEqual(broken)
  })

  it('keeps the stored name when the document has no string name', async () => {
    const flow = await createFlow(t, { name: 'Keeps its name' })
    const saved = await saveDraft(t, flow.id, { steps: [] }, 1)
    expect(saved.name).toBe('Keeps its name')
  })

  it('refuses a stale save with 409 and the current revision', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    await saveDraft(t, flow.id, validDocument('First writer'), 1)
    const stale = await t.request
      .patch(`/api/flows/${flow.id}`)
      .set(t.admin)
      .set('If-Match', '"1"')
      .send({ document: validDocument('Second writer') })
      .expect(409)
    expect(stale.body).toEqual({
      errors: [{ code: 'REVISION_CONFLICT', message: expect.any(String) }],
      current: { revision: 2, updatedAt: expect.any(String), updatedBy: 'ADMIN_TOKEN' },
    })
    const read = await t.request.get(`/api/flows/${flow.id}`).set(t.admin)
    expect(read.body.data.name).toBe('First writer')
  })

  it('lets exactly one of two concurrent saves at the same revision win', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    const saves = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        t.request
          .patch(`/api/flows/${flow.id}`)
          .set(t.admin)
          .set('If-Match', '"1"')
          .send({ document: validDocument(name) }),
      ),
    )
    expect(saves.map((res) => res.status).sort()).toEqual([200, 409, 409])
  })

  it('refuses a save without a precondition with 428, and a malformed one with 400', async () => {
    const flow = await createFlow(t)
    const missing = await t.request
      .patch(`/api/flows/${flow.id}`)
      .set(t.admin)
      .send({ document: validDocument() })
      .expect(428)
    expect(missing.body.errors[0].code).toBe('PRECONDITION_REQUIRED')
    const malformed = await t.request
      .patch(`/api/flows/${flow.id}`)
      .set(t.admin)
      .set('If-Match', 'yesterday')
      .send({ document: validDocument() })
      .expect(400)
    expect(malformed.body.errors[0].code).toBe('INVALID_PRECONDITION')
  })

  it('refuses a document that is not an object, or that PostgreSQL cannot store, with 400', async () => {
    const flow = await createFlow(t)
    const patch = (body: unknown) =>
      t.request
        .patch(`/api/flows/${flow.id}`)
        .set(t.admin)
        .set('If-Match', '"1"')
        .send(body as object)
    const notObject = await patch({ document: [1, 2] }).expect(400)
    expect(notObject.body.errors[0]).toMatchObject({ code: 'SCHEMA_TYPE', path: '/document' })
    const nul = await patch({ document: { name: 'a\u0000b' } }).expect(400)
    expect(nul.body.errors[0]).toMatchObject({
      code: 'UNSUPPORTED_CHARACTER',
      path: '/document/name',
    })
    const surrogate = await patch({ document: { steps: [{ ['k\ud800']: 1 }] } }).expect(400)
    expect(surrogate.body.errors[0]).toMatchObject({ path: '/document/steps/0/k\ud800' })
    // Too deep for JSON.stringify, so sent as text; the server must not stringify it either.
    const deep = `{"document":{"deep":${'['.repeat(100_000)}1${']'.repeat(100_000)}}}`
    const tooDeep = await t.request
      .patch(`/api/flows/${flow.id}`)
      .set(t.admin)
      .set('If-Match', '"1"')
      .set('content-type', 'application/json')
      .send(deep)
      .expect(400)
    expect(tooDeep.body.errors[0].code).toBe('TOO_DEEP')
    const search = await t.request.get('/api/flows').query({ q: 'a\u0000' }).set(t.admin)
    expect(search.status).toBe(400)
  })

  it('audits a save with the revision, the changed fields and the step count', async () => {
    const flow = await createFlow(t, { document: validDocument('Audited') })
    await saveDraft(t, flow.id, { ...validDocument('Audited again'), description: 'new' }, 1)
    const audit = await auditOf(t, flow.id)
    expect(audit.map((entry) => entry.action)).toEqual(['flow.created', 'flow.updated'])
    expect(audit[1]!.summary).toEqual({
      revision: 2,
      changed: ['description', 'name'],
      stepCount: 1,
    })
  })

  it('archives and unarchives; an archived flow cannot be changed', async () => {
    const flow = await createFlow(t, { name: 'To archive' })
    const archived = await t.request.delete(`/api/flows/${flow.id}`).set(t.admin).expect(200)
    expect(archived.body.data).toMatchObject({ id: flow.id, archived: true })
    await t.request.delete(`/api/flows/${flow.id}`).set(t.admin).expect(200)
    const list = await t.request.get('/api/flows').query({ q: 'To archive' }).set(t.admin)
    expect(list.body.data).toEqual([])
    const archivedList = await t.request
      .get('/api/flows')
      .query({ q: 'To archive', archived: 'true' })
      .set(t.admin)
    expect(archivedList.body.data).toEqual([
      expect.objectContaining({ id: flow.id, archived: true }),
    ])
    const edit = await t.request
      .patch(`/api/flows/${flow.id}`)
      .set(t.admin)
      .set('If-Match', '"1"')
      .send({ document: validDocument() })
      .expect(409)
    expect(edit.body.errors[0].code).toBe('FLOW_ARCHIVED')
    const restored = await t.request
      .post(`/api/flows/${flow.id}/unarchive`)
      .set(t.admin)
      .expect(200)
    expect(restored.body.data).toMatchObject({ id: flow.id, archived: false })
    await saveDraft(t, flow.id, validDocument(), 1)
    const actions = (await auditOf(t, flow.id)).map((entry) => entry.action)
    expect(actions).toEqual(['flow.created', 'flow.archived', 'flow.unarchived', 'flow.updated'])
  })

  it('validates path-free request bodies with 400 and a path', async () => {
    const res = await t.request.post('/api/flows').set(t.admin).send({ nme: 'typo' }).expect(400)
    expect(res.body.errors[0]).toMatchObject({ code: 'SCHEMA_UNKNOWN_PROPERTY' })
  })
})
