import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import { publishedFlow } from './sessions.test-helpers.ts'

describe.each(DATABASE_KINDS)('GET /api/sessions.csv on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  async function insert(flowId: string, externalId: string, at: string, extra = {}) {
    const id = randomUUID()
    await t.ctx.db
      .insertInto('sessions')
      .values({
        id,
        flow_id: flowId,
        flow_version: 1,
        target: 'sandbox',
        status: 'completed',
        outcome: 'review_needed',
        external_user_id: externalId,
        created_at: at,
        expires_at: '2030-01-01T00:00:00Z',
        ...extra,
      })
      .execute()
    return id
  }

  it('exports the filtered sessions with escaped, formula-safe cells', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const plain = await insert(flowId, 'plain-user', '2026-03-01T10:00:00Z')
    const hostile = await insert(
      flowId,
      '=HYPERLINK("https://evil.example","x")',
      '2026-03-02T10:00:00Z',
      {
        decision: 'rejected',
        decision_reason: 'blurry, "dark"\nand cut',
        decided_by_label: '+reviewer@example.com',
      },
    )
    await insert(flowId, 'expired-user', '2026-03-03T10:00:00Z', {
      status: 'expired',
      outcome: null,
    })
    const reviewer = await createUserWithKey(t, 'reviewer')
    const res = await t.request
      .get('/api/sessions.csv?status=completed')
      .set(reviewer.auth)
      .buffer(true)
      .parse((response, done) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => done(null, text))
      })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="sessions-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const text = res.body as string
    expect(
      text.startsWith(
        '\ufeffsession_id,created_at,external_user_id,flow_id,flow_name,flow_version,target,test,status,outcome,decision,decision_reason,decided_by,decided_at,completed_at,expires_at\n',
      ),
    ).toBe(true)
    expect(text).not.toContain('expired-user')
    const lines = text.slice(1).split('\n')
    expect(lines[1]).toContain(hostile)
    expect(lines[1]).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`)
    expect(lines[1]).toContain(`"blurry, ""dark""`)
    expect(lines[2]).toContain('and cut",\'+reviewer@example.com,')
    expect(lines[3]).toMatch(
      new RegExp(
        `^${plain},2026-03-01T10:00:00.000Z,plain-user,${flowId},Sandbox KYC,1,sandbox,false,completed,review_needed,,,,,,2030-01-01T00:00:00.000Z$`,
      ),
    )
    const forbidden = await t.request
      .get('/api/sessions.csv')
      .set((await createUserWithKey(t, 'developer')).auth)
    expect(forbidden.status).toBe(403)
  })

  it('exports only the sessions of one reviewer with decidedBy', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const reviewer = await createUserWithKey(t, 'reviewer')
    const other = await createUserWithKey(t, 'reviewer')
    const decided = await insert(flowId, 'decided-user', '2026-03-01T10:00:00Z', {
      decision: 'approved',
      decided_by: reviewer.id,
      decided_by_label: reviewer.email,
    })
    const proposed = await insert(flowId, 'proposed-user', '2026-03-02T10:00:00Z', {
      pending_decision: JSON.stringify({
        decision: 'rejected',
        reason: 'blurry',
        proposedBy: { userId: reviewer.id, label: reviewer.email },
      }),
    })
    await insert(flowId, 'other-user', '2026-03-03T10:00:00Z', {
      decision: 'rejected',
      decision_reason: 'no',
      decided_by: other.id,
      decided_by_label: other.email,
    })
    const res = await t.request
      .get(`/api/sessions.csv?decidedBy=${reviewer.id}`)
      .set(reviewer.auth)
      .buffer(true)
      .parse((response, done) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => done(null, text))
      })
    expect(res.status).toBe(200)
    const rows = (res.body as string).trim().split('\n').slice(1)
    expect(rows.map((r) => r.split(',')[0])).toEqual([proposed, decided])
    expect(rows[0]).toContain(',pending,')
    expect(rows[1]).toContain(`,approved,,${reviewer.email},`)
    const bad = await t.request.get('/api/sessions.csv?decidedBy=nobody').set(reviewer.auth)
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('/query/decidedBy')
  })

  it('streams every session of a large filter, paging internally', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    await sql`
      insert into sessions (id, flow_id, flow_version, target, status, external_user_id, created_at, expires_at)
      select gen_random_uuid(), ${flowId}::uuid, 1, 'sandbox', 'completed', 'bulk-' || n,
        timestamptz '2026-04-01' + n * interval '1 microsecond', timestamptz '2030-01-01'
      from generate_series(1, 1234) as n
    `.execute(t.ctx.db)
    const res = await t.request
      .get('/api/sessions.csv')
      .set(t.admin)
      .buffer(true)
      .parse((response, done) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => done(null, text))
      })
    const rows = (res.body as string).trim().split('\n').slice(1)
    expect(rows).toHaveLength(1234)
    expect(new Set(rows.map((r) => r.split(',')[0])).size).toBe(1234)
    expect(rows[0]).toContain('bulk-1234')
    expect(rows[1233]).toContain('bulk-1,')
  })
})
