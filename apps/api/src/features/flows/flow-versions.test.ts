import { compile } from '@veriflow/schema'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { contentHash } from './canonical-json.ts'
import { auditOf, createFlow, publish, saveDraft, validDocument } from './flows.test-helpers.ts'

describe.each(DATABASE_KINDS)('flow versions: publish, read, restore, export (%s)', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('publishes a template draft as version 1, reads it and exports it to identomat', async () => {
    const flow = await createFlow(t, { template: 'marketplace-seller' })
    const version = await publish(t, flow.id, 'Initial release')
    expect(version).toEqual({
      flowId: flow.id,
      version: 1,
      note: 'Initial release',
      publishedAt: expect.any(String),
      publishedBy: 'ADMIN_TOKEN',
      contentHash: contentHash(flow.draft),
    })
    const read = await t.request.get(`/api/flows/${flow.id}/versions/1`).set(t.admin).expect(200)
    expect(read.body.data).toEqual({ ...version, document: flow.draft })
    expect(read.headers['content-type']).toMatch(/^application\/json/)
    const state = await t.request.get(`/api/flows/${flow.id}`).set(t.admin)
    expect(state.body.data).toMatchObject({ latestVersion: 1, revision: 1 })

    const exported = await t.request
      .get(`/api/flows/${flow.id}/export`)
      .query({ target: 'identomat', version: 1 })
      .set(t.admin)
      .expect(200)
    const expected = compile(flow.draft, 'identomat')
    expect(exported.body.data).toEqual({
      target: 'identomat',
      version: 1,
      payload: expected.payload,
      issues: expected.issues,
    })
    const audit = await auditOf(t, flow.id)
    expect(audit.at(-1)).toMatchObject({
      action: 'flow.published',
      summary: { version: 1, note: 'Initial release', contentHash: version.contentHash },
    })
  })

  it('numbers versions consecutively and lists them newest first', async () => {
    const flow = await createFlow(t, { document: validDocument('v') })
    await publish(t, flow.id, 'one')
    await saveDraft(t, flow.id, validDocument('v2'), 1)
    await publish(t, flow.id, 'two')
    await publish(t, flow.id, 'three')
    const res = await t.request.get(`/api/flows/${flow.id}/versions`).set(t.admin).expect(200)
    expect(
      res.body.data.map((v: { version: number; note: string }) => [v.version, v.note]),
    ).toEqual([
      [3, 'three'],
      [2, 'two'],
      [1, 'one'],
    ])
    expect(res.body.data[0]).toEqual({
      flowId: flow.id,
      version: 3,
      note: 'three',
      publishedAt: expect.any(String),
      publishedBy: 'ADMIN_TOKEN',
      contentHash: contentHash(validDocument('v2')),
    })
    const first = await t.request
      .get(`/api/flows/${flow.id}/versions`)
      .query({ limit: 2 })
      .set(t.admin)
      .expect(200)
    expect(first.body.data.map((v: { version: number }) => v.version)).toEqual([3, 2])
    const second = await t.request
      .get(`/api/flows/${flow.id}/versions`)
      .query({ limit: 2, cursor: first.body.nextCursor })
      .set(t.admin)
      .expect(200)
    expect(second.body).toEqual({ data: [expect.objectContaining({ version: 1 })] })
    const none = await createFlow(t)
    const empty = await t.request.get(`/api/flows/${none.id}/versions`).set(t.admin).expect(200)
    expect(empty.body).toEqual({ data: [] })
  })

  it('refuses to publish a draft with errors: 422 with each issue’s path', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    const broken = {
      ...validDocument(),
      steps: [
        { id: 's1', type: 'email', key: 'dup' },
        { id: 's2', type: 'phone-number', key: 'dup' },
      ],
    }
    await saveDraft(t, flow.id, broken, 1)
    const res = await t.request
      .post(`/api/flows/${flow.id}/publish`)
      .set(t.admin)
      .send({ note: 'should fail' })
      .expect(422)
    expect(res.body.errors).toContainEqual({
      code: 'STEP_KEY_DUPLICATE',
      message: expect.any(String),
      path: '/steps/1/key',
      severity: 'error',
    })
    const versions = await t.request.get(`/api/flows/${flow.id}/versions`).set(t.admin)
    expect(versions.body.data).toEqual([])
    expect((await auditOf(t, flow.id)).map((e) => e.action)).not.toContain('flow.published')
  })

  it('needs a note of 1 to 2000 characters', async () => {
    const flow = await createFlow(t)
    for (const body of [
      {},
      { note: '' },
      { note: '   ' },
      { note: 'x'.repeat(2001) },
      { note: 5 },
    ]) {
      const res = await t.request.post(`/api/flows/${flow.id}/publish`).set(t.admin).send(body)
      expect(res.status).toBe(400)
      expect(res.body.errors[0].path).toMatch(/^\/note|^$/)
    }
  })

  it('publishes the revision named by If-Match, or answers 409', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    await saveDraft(t, flow.id, validDocument('newer'), 1)
    const stale = await t.request
      .post(`/api/flows/${flow.id}/publish`)
      .set(t.admin)
      .set('If-Match', '"1"')
      .send({ note: 'reviewed revision 1' })
      .expect(409)
    expect(stale.body.current).toMatchObject({ revision: 2 })
    await t.request
      .post(`/api/flows/${flow.id}/publish`)
      .set(t.admin)
      .set('If-Match', '"2"')
      .send({ note: 'reviewed revision 2' })
      .expect(201)
  })

  it('gives concurrent publishes consecutive versions without duplicates', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.request
          .post(`/api/flows/${flow.id}/publish`)
          .set(t.admin)
          .send({ note: `n${i}` }),
      ),
    )
    expect(results.map((res) => res.status)).toEqual(Array(8).fill(201))
    const numbers = results.map((res) => res.body.data.version as number).sort((a, b) => a - b)
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const state = await t.request.get(`/api/flows/${flow.id}`).set(t.admin)
    expect(state.body.data.latestVersion).toBe(8)
  })

  it('serves a version as immutable: long cache, content-hash ETag, 304, still authorized', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    const version = await publish(t, flow.id)
    const path = `/api/flows/${flow.id}/versions/1`
    for (let i = 0; i < 2; i++) {
      const res = await t.request.get(path).set(t.admin).expect(200)
      expect(res.headers.etag).toBe(`"${version.contentHash}"`)
      expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    }
    const cached = await t.request
      .get(path)
      .set(t.admin)
      .set('If-None-Match', `"${version.contentHash}"`)
      .expect(304)
    expect(cached.text).toBe('')
    expect(cached.headers.etag).toBe(`"${version.contentHash}"`)
    await t.request.get(path).set(t.admin).set('If-None-Match', '"other"').expect(200)
    const anonymous = await t.request.get(path).expect(401)
    expect(anonymous.body.errors[0].code).toBeTruthy()
    await t.request
      .get(path)
      .set('Authorization', 'Bearer wrong')
      .set('If-None-Match', `"${version.contentHash}"`)
      .expect(401)
  })

  it('answers 404 for a version that does not exist or is not a number', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    await publish(t, flow.id)
    for (const n of ['2', '0', '-1', 'abc', '1.5', '99999999999999999999']) {
      const res = await t.request.get(`/api/flows/${flow.id}/versions/${n}`).set(t.admin)
      expect(res.status, n).toBe(404)
      expect(res.body.errors[0].code).toBe('VERSION_NOT_FOUND')
    }
    const restore = await t.request
      .post(`/api/flows/${flow.id}/versions/7/restore`)
      .set(t.admin)
      .expect(404)
    expect(restore.body.errors[0].code).toBe('VERSION_NOT_FOUND')
  })

  it('does not answer a stale draft 304: the draft read is never conditional', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    await publish(t, flow.id)
    const res = await t.request
      .get(`/api/flows/${flow.id}`)
      .set(t.admin)
      .set('If-None-Match', '"1"')
      .expect(200)
    expect(res.body.data.latestVersion).toBe(1)
  })

  it('restores a version into the draft as a new revision, audited', async () => {
    const flow = await createFlow(t, { document: validDocument('Version one') })
    await publish(t, flow.id)
    await saveDraft(t, flow.id, { name: 'Broken since' }, 1)
    const res = await t.request
      .post(`/api/flows/${flow.id}/versions/1/restore`)
      .set(t.admin)
      .expect(200)
    expect(res.headers.etag).toBe('"3"')
    expect(res.body.data).toMatchObject({
      name: 'Version one',
      revision: 3,
      draft: validDocument('Version one'),
      issues: [],
    })
    const stale = await t.request
      .post(`/api/flows/${flow.id}/versions/1/restore`)
      .set(t.admin)
      .set('If-Match', '"2"')
      .expect(409)
    expect(stale.body.current.revision).toBe(3)
    const forged = await t.request
      .post(`/api/flows/${flow.id}/versions/1/restore`)
      .set(t.admin)
      .send({ revision: 1e300 })
      .expect(400)
    expect(forged.body.errors[0]).toMatchObject({ code: 'INVALID_PRECONDITION', path: '/revision' })
    await t.request
      .post(`/api/flows/${flow.id}/versions/1/restore`)
      .set(t.admin)
      .send({ revision: 3 })
      .expect(200)
    const audit = await auditOf(t, flow.id)
    expect(audit.filter((e) => e.action === 'flow.version_restored').map((e) => e.summary)).toEqual(
      [
        { version: 1, revision: 3 },
        { version: 1, revision: 4 },
      ],
    )
  })

  it('exports the draft by default, and answers 422 with the issues when the target cannot', async () => {
    const flow = await createFlow(t, { document: validDocument('Draft export') })
    const draft = await t.request
      .get(`/api/flows/${flow.id}/export`)
      .query({ target: 'sandbox' })
      .set(t.admin)
      .expect(200)
    expect(draft.body.data).toMatchObject({
      target: 'sandbox',
      version: null,
      payload: validDocument('Draft export'),
    })
    const iab = await t.request
      .get(`/api/flows/${flow.id}/export`)
      .query({ target: 'iab' })
      .set(t.admin)
      .expect(422)
    expect(iab.body.errors[0]).toMatchObject({ code: expect.any(String), severity: 'error' })
    expect(iab.body.errors.every((e: { path?: unknown }) => typeof e.path === 'string')).toBe(true)
    const unknownTarget = await t.request
      .get(`/api/flows/${flow.id}/export`)
      .query({ target: 'acme' })
      .set(t.admin)
      .expect(400)
    expect(unknownTarget.body.errors[0].path).toBe('/query/target')
    await t.request
      .get(`/api/flows/${flow.id}/export`)
      .query({ target: 'sandbox', version: 4 })
      .set(t.admin)
      .expect(404)
  })

  it('refuses UPDATE, DELETE and TRUNCATE of flow_versions in the database itself', async () => {
    const flow = await createFlow(t, { document: validDocument() })
    await publish(t, flow.id, 'immutable')
    await expect(
      sql`update flow_versions set note = 'changed' where flow_id = ${flow.id}`.execute(t.ctx.db),
    ).rejects.toThrow(/immutable/)
    await expect(
      sql`delete from flow_versions where flow_id = ${flow.id}`.execute(t.ctx.db),
    ).rejects.toThrow(/immutable/)
    // CASCADE, so a foreign key to flow_versions cannot be what stops it.
    await expect(sql`truncate flow_versions cascade`.execute(t.ctx.db)).rejects.toThrow(/immutable/)
    const row = await t.ctx.db
      .selectFrom('flow_versions')
      .select('note')
      .where('flow_id', '=', flow.id)
      .executeTakeFirstOrThrow()
    expect(row.note).toBe('immutable')
  })
})
