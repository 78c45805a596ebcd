import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey, type UserWithKey } from '../../../test/support/users.ts'
import { json } from '../../common/db/tables.ts'
import { MAX_VIEWS_PER_USER } from './saved-views.service.ts'

const BUILT_IN = [
  {
    id: 'builtin:needs-review',
    name: 'Needs review',
    query: { status: 'completed', decision: 'none' },
    builtIn: true,
    createdAt: null,
  },
  {
    id: 'builtin:awaiting-confirmation',
    name: 'Awaiting confirmation',
    query: { decision: 'pending' },
    builtIn: true,
    createdAt: null,
  },
  {
    id: 'builtin:rejected-this-week',
    name: 'Rejected this week',
    query: { decision: 'rejected', period: 'this-week' },
    builtIn: true,
    createdAt: null,
  },
]

describe.each(DATABASE_KINDS)('saved views on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  const list = async (user: UserWithKey) => {
    const res = await t.request.get('/api/saved-views').set(user.auth)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return res.body.data as Array<{ id: string; name: string }>
  }
  const create = (user: UserWithKey, body: unknown) =>
    t.request
      .post('/api/saved-views')
      .set(user.auth)
      .send(body as object)

  it('lists the built-in views first, then the user’s own, newest first; each user sees only theirs', async () => {
    t = await createTestApp(kind)
    const ana = await createUserWithKey(t, 'reviewer')
    const bo = await createUserWithKey(t, 'reviewer')
    expect(await list(ana)).toEqual(BUILT_IN)

    const first = await create(ana, {
      name: '  Identomat failures  ',
      query: { target: 'identomat', outcome: 'failed', period: '30d' },
    })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Identomat failures',
      query: { target: 'identomat', outcome: 'failed', period: '30d' },
      builtIn: false,
      createdAt: expect.any(String),
    })
    const second = await create(ana, { name: 'Mine', query: { decidedBy: ana.id } })
    expect(second.status).toBe(201)
    const theirs = await create(bo, { name: 'Mine', query: { q: 'alice' } })
    expect(theirs.status, 'names are unique per user only').toBe(201)

    expect((await list(ana)).map((v) => v.id)).toEqual([
      ...BUILT_IN.map((v) => v.id),
      second.body.data.id,
      first.body.data.id,
    ])
    expect((await list(bo)).map((v) => v.id)).toEqual([
      ...BUILT_IN.map((v) => v.id),
      theirs.body.data.id,
    ])
    // The same user through the console cookie sees the views made with their key.
    const viaCookie = await ana.session.agent.get('/api/saved-views').expect(200)
    expect(viaCookie.body.data).toHaveLength(5)

    // Another user's view does not exist for bo.
    const foreign = `/api/saved-views/${first.body.data.id}`
    const peek = await t.request.patch(foreign).set(bo.auth).send({ name: 'Taken over' })
    expect(peek.status).toBe(404)
    expect(peek.body.errors[0].code).toBe('SAVED_VIEW_NOT_FOUND')
    expect((await t.request.delete(foreign).set(bo.auth)).status).toBe(404)

    const renamed = await t.request
      .patch(foreign)
      .set(ana.auth)
      .send({ name: 'Identomat fails', query: { target: 'identomat' } })
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200)
    expect(renamed.body.data).toMatchObject({
      id: first.body.data.id,
      name: 'Identomat fails',
      query: { target: 'identomat' },
      createdAt: first.body.data.createdAt,
    })
    const queryOnly = await t.request
      .patch(foreign)
      .set(ana.auth)
      .send({ query: { status: 'completed' } })
    expect(queryOnly.body.data).toMatchObject({
      name: 'Identomat fails',
      query: { status: 'completed' },
    })
    const caseOnly = await t.request.patch(foreign).set(ana.auth).send({ name: 'IDENTOMAT FAILS' })
    expect(caseOnly.status, 'a view may change the case of its own name').toBe(200)

    expect((await t.request.delete(foreign).set(ana.auth)).status).toBe(204)
    expect((await t.request.delete(foreign).set(ana.auth)).status).toBe(404)
    expect((await list(ana)).map((v) => v.id)).toEqual([
      ...BUILT_IN.map((v) => v.id),
      second.body.data.id,
    ])

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'target_id', 'summary'])
      .where('target_type', '=', 'saved_view')
      .where('target_id', '=', first.body.data.id)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'saved_view.created',
      'saved_view.updated',
      'saved_view.updated',
      'saved_view.updated',
      'saved_view.deleted',
    ])
    expect(audit[0]!.actor_label).toContain(ana.email)
    expect(audit[1]!.summary).toEqual({
      name: 'Identomat fails',
      previousName: 'Identomat failures',
      query: { target: 'identomat' },
    })
    expect(audit[4]!.summary).toEqual({ name: 'IDENTOMAT FAILS' })
  })

  it('refuses unknown filter keys, long values, bad periods and names, with paths', async () => {
    t = await createTestApp(kind)
    const ana = await createUserWithKey(t, 'reviewer')
    const cases: Array<[unknown, number, string, string]> = [
      [{ name: 'x', query: { colour: 'red' } }, 400, 'SCHEMA_UNKNOWN_PROPERTY', '/query/colour'],
      [{ name: 'x', query: { q: 'a'.repeat(201) } }, 400, 'SCHEMA_MAX_LENGTH', '/query/q'],
      [{ name: 'x', query: { status: 3 } }, 400, 'SCHEMA_TYPE', '/query/status'],
      [{ name: 'x', query: { period: 'yesterday' } }, 400, 'SCHEMA_ENUM', '/query/period'],
      [{ name: 'x' }, 400, 'SCHEMA_REQUIRED', ''],
      [{ name: '   ', query: {} }, 400, 'NAME_REQUIRED', '/name'],
      [{ name: 'n'.repeat(81), query: {} }, 400, 'NAME_TOO_LONG', '/name'],
      [{ name: 'needs REVIEW', query: {} }, 409, 'NAME_TAKEN', '/name'],
    ]
    for (const [body, status, code, path] of cases) {
      const res = await create(ana, body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.body.errors[0], JSON.stringify(body)).toMatchObject({ code, path })
    }
    expect((await create(ana, { name: ` ${'n'.repeat(80)} `, query: {} })).status).toBe(201)

    const view = await create(ana, { name: 'Queue', query: { decision: 'none' } })
    expect(view.status).toBe(201)
    const again = await create(ana, { name: ' queue ', query: {} })
    expect(again.status).toBe(409)
    expect(again.body.errors[0]).toMatchObject({ code: 'NAME_TAKEN', path: '/name' })
    const other = await create(ana, { name: 'Other', query: {} })
    const clash = await t.request
      .patch(`/api/saved-views/${other.body.data.id}`)
      .set(ana.auth)
      .send({ name: 'QUEUE' })
    expect(clash.status).toBe(409)
    expect(clash.body.errors[0]).toMatchObject({ code: 'NAME_TAKEN', path: '/name' })
    const empty = await t.request
      .patch(`/api/saved-views/${other.body.data.id}`)
      .set(ana.auth)
      .send({})
    expect(empty.status).toBe(400)
    const unknownKey = await t.request
      .patch(`/api/saved-views/${other.body.data.id}`)
      .set(ana.auth)
      .send({ query: { sort: 'asc' } })
    expect(unknownKey.body.errors[0]).toMatchObject({ path: '/query/sort' })

    for (const id of ['builtin:needs-review', 'builtin:rejected-this-week']) {
      const patch = await t.request
        .patch(`/api/saved-views/${id}`)
        .set(ana.auth)
        .send({ name: 'Mine now' })
      expect(patch.status).toBe(409)
      expect(patch.body.errors[0].code).toBe('BUILT_IN_VIEW')
      const remove = await t.request.delete(`/api/saved-views/${id}`).set(ana.auth)
      expect(remove.status).toBe(409)
      expect(remove.body.errors[0].code).toBe('BUILT_IN_VIEW')
    }
    for (const id of ['builtin:nope', 'not-a-uuid', randomUUID()]) {
      const res = await t.request.delete(`/api/saved-views/${id}`).set(ana.auth)
      expect(res.status, id).toBe(404)
      expect(res.body.errors[0].code).toBe('SAVED_VIEW_NOT_FOUND')
    }
  })

  it(`keeps at most ${MAX_VIEWS_PER_USER} views per user`, async () => {
    t = await createTestApp(kind)
    const ana = await createUserWithKey(t, 'admin')
    const bo = await createUserWithKey(t, 'reviewer')
    await t.ctx.db
      .insertInto('saved_views')
      .values(
        Array.from({ length: MAX_VIEWS_PER_USER - 1 }, (_, n) => ({
          owner: ana.id,
          user_id: ana.id,
          name: `View ${n}`,
          query: json({ q: `user-${n}` }),
        })),
      )
      .execute()
    expect((await create(ana, { name: 'The last one', query: {} })).status).toBe(201)
    const over = await create(ana, { name: 'One too many', query: {} })
    expect(over.status).toBe(409)
    expect(over.body.errors[0].code).toBe('TOO_MANY_VIEWS')
    expect(await list(ana)).toHaveLength(MAX_VIEWS_PER_USER + 3)
    expect((await create(bo, { name: 'One too many', query: {} })).status).toBe(201)
  })

  it('is for those who read sessions; the ADMIN_TOKEN has views of its own; a user’s go with them', async () => {
    t = await createTestApp(kind)
    for (const role of ['developer', 'designer'] as const) {
      const user = await createUserWithKey(t, role)
      expect((await t.request.get('/api/saved-views').set(user.auth)).status).toBe(403)
      expect((await create(user, { name: 'x', query: {} })).status).toBe(403)
    }
    expect((await t.request.get('/api/saved-views')).status).toBe(401)

    const ana = await createUserWithKey(t, 'reviewer')
    await create(ana, { name: 'Ana’s', query: {} })
    const token = await t.request
      .post('/api/saved-views')
      .set(t.admin)
      .send({ name: 'Automation', query: { test: 'false' } })
    expect(token.status).toBe(201)
    const tokenViews = await t.request.get('/api/saved-views').set(t.admin).expect(200)
    expect(tokenViews.body.data.map((v: { name: string }) => v.name)).toEqual([
      ...BUILT_IN.map((v) => v.name),
      'Automation',
    ])

    // Users are deactivated, not deleted; should a row go, its views go with it.
    await t.ctx.db.deleteFrom('users').where('id', '=', ana.id).execute()
    const left = await t.ctx.db.selectFrom('saved_views').select('name').execute()
    expect(left.map((v) => v.name)).toEqual(['Automation'])
  })
})
