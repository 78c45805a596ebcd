import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { createUserWithKey } from '../../../test/support/users.ts'
import { json } from '../../common/db/tables.ts'
import { kycDocument, publishedFlow } from './sessions.test-helpers.ts'

type Seed = {
  at: string
  status?: 'created' | 'completed' | 'expired'
  outcome?: 'passed' | 'review_needed' | null
  decision?: 'approved' | 'rejected' | null
  pending?: boolean
  target?: 'sandbox' | 'identomat'
  user?: string
  draft?: boolean
}

describe.each(DATABASE_KINDS)('GET /api/sessions on %s', (kind) => {
  let t: TestApp
  afterEach(async () => t?.close())

  async function seed(flowId: string, seeds: Seed[]): Promise<string[]> {
    const ids: string[] = []
    for (const s of seeds) {
      const id = randomUUID()
      ids.push(id)
      await t.ctx.db
        .insertInto('sessions')
        .values({
          id,
          flow_id: flowId,
          flow_version: s.draft ? null : 1,
          draft_document: s.draft ? json(kycDocument()) : null,
          is_test: s.draft === true,
          target: s.target ?? 'sandbox',
          status: s.status ?? 'completed',
          outcome: s.outcome === undefined ? 'review_needed' : s.outcome,
          decision: s.decision ?? null,
          pending_decision: s.pending ? json({ decision: 'approved' }) : null,
          external_user_id: s.user ?? `u-${ids.length}`,
          created_at: s.at,
          expires_at: '2030-01-01T00:00:00Z',
        })
        .execute()
    }
    return ids
  }

  it('filters by status, outcome, decision, flow, version, target, test, dates and user', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const other = await publishedFlow(t, kycDocument({ name: 'Other' }))
    const [a, b, c, d, e, f] = await seed(flowId, [
      { at: '2026-01-01T10:00:00Z', status: 'created', outcome: null, user: 'alice' },
      { at: '2026-01-02T10:00:00Z', decision: 'approved', user: 'bob' },
      { at: '2026-01-03T10:00:00Z', decision: 'rejected', target: 'identomat' },
      { at: '2026-01-04T10:00:00Z', pending: true, outcome: 'passed' },
      { at: '2026-01-05T10:00:00Z', status: 'expired', outcome: null, draft: true },
      { at: '2026-01-06T10:00:00Z' },
    ])
    const [g] = await seed(other, [{ at: '2026-01-07T10:00:00Z', user: 'alice' }])
    const reviewer = await createUserWithKey(t, 'reviewer')
    const ids = async (query: string) => {
      const res = await t.request.get(`/api/sessions?${query}`).set(reviewer.auth)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body.data.map((s: { id: string }) => s.id)
    }
    expect(await ids('')).toEqual([g, f, e, d, c, b, a])
    expect(await ids('status=created')).toEqual([a])
    expect(await ids('outcome=passed')).toEqual([d])
    expect(await ids('decision=approved')).toEqual([b])
    expect(await ids('decision=pending')).toEqual([d])
    expect(await ids('decision=none')).toEqual([g, f, e, a])
    expect(await ids('outcome=review_needed&decision=none')).toEqual([g, f])
    expect(await ids(`flowId=${other}`)).toEqual([g])
    expect(await ids(`flowId=${flowId}&version=1`)).toEqual([f, d, c, b, a])
    expect(await ids('target=identomat')).toEqual([c])
    expect(await ids('test=true')).toEqual([e])
    expect(await ids('from=2026-01-02T10:00:00Z&to=2026-01-04T10:00:00Z')).toEqual([c, b])
    expect(await ids('q=alice')).toEqual([g, a])
    expect(await ids(`q=${c}`)).toEqual([c])
    const first = await t.request.get('/api/sessions?limit=1').set(reviewer.auth)
    expect(first.body.data[0]).toMatchObject({
      id: g,
      externalUserId: 'alice',
      flow: { id: other, name: 'Other', version: 1 },
      target: 'sandbox',
      isTest: false,
      status: 'completed',
      outcome: 'review_needed',
      decision: null,
      decisionPending: false,
    })
    const bad = await t.request.get('/api/sessions?status=nope').set(reviewer.auth)
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('/query/status')
  })

  it('filters by the reviewer who decided or proposed the pending decision, and lists reviewers', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    const ana = await createUserWithKey(t, 'reviewer')
    const bo = await createUserWithKey(t, 'admin')
    const idle = await createUserWithKey(t, 'reviewer')
    const [decidedByAna, proposedByAna, decidedByBo, proposedByBoOverAna, undecided] = await seed(
      flowId,
      [
        { at: '2026-01-01T10:00:00Z', decision: 'approved' },
        { at: '2026-01-02T10:00:00Z' },
        { at: '2026-01-03T10:00:00Z', decision: 'rejected' },
        { at: '2026-01-04T10:00:00Z', decision: 'approved' },
        { at: '2026-01-05T10:00:00Z' },
      ],
    )
    const set = (id: string, values: Record<string, unknown>) =>
      t.ctx.db.updateTable('sessions').set(values).where('id', '=', id!).execute()
    const proposal = (user: { id: string; email: string }) =>
      json({ decision: 'approved', proposedBy: { userId: user.id, label: user.email } })
    await set(decidedByAna!, { decided_by: ana.id, decided_by_label: ana.email })
    await set(proposedByAna!, { pending_decision: proposal(ana) })
    await set(decidedByBo!, { decided_by: bo.id, decided_by_label: bo.email })
    // An admin's override proposal on a session Ana decided: both are its reviewers.
    await set(proposedByBoOverAna!, {
      decided_by: ana.id,
      decided_by_label: ana.email,
      pending_decision: proposal(bo),
    })
    const ids = async (query: string) => {
      const res = await t.request.get(`/api/sessions?${query}`).set(ana.auth)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      return res.body.data.map((s: { id: string }) => s.id)
    }
    expect(await ids(`decidedBy=${ana.id}`)).toEqual([
      proposedByBoOverAna,
      proposedByAna,
      decidedByAna,
    ])
    expect(await ids(`decidedBy=${ana.id.toUpperCase()}`)).toHaveLength(3)
    expect(await ids(`decidedBy=${bo.id}`)).toEqual([proposedByBoOverAna, decidedByBo])
    expect(await ids(`decidedBy=${idle.id}`)).toEqual([])
    expect(await ids(`decidedBy=${ana.id}&decision=pending`)).toEqual([
      proposedByBoOverAna,
      proposedByAna,
    ])
    expect(await ids('')).toContain(undecided)
    // Keyset pages under the filter: every session once, in order.
    const first = await t.request.get(`/api/sessions?decidedBy=${ana.id}&limit=2`).set(ana.auth)
    expect(first.body.data.map((s: { id: string }) => s.id)).toEqual([
      proposedByBoOverAna,
      proposedByAna,
    ])
    const next = await t.request
      .get(`/api/sessions?decidedBy=${ana.id}&limit=2&cursor=${first.body.nextCursor}`)
      .set(ana.auth)
    expect(next.body.data.map((s: { id: string }) => s.id)).toEqual([decidedByAna])
    expect(next.body.nextCursor).toBeUndefined()
    const bad = await t.request.get('/api/sessions?decidedBy=ana').set(ana.auth)
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ code: 'SCHEMA_FORMAT', path: '/query/decidedBy' })

    // The reviewer filter's options: users with a decision or a proposal, never the others.
    const reviewers = await t.request.get('/api/sessions/reviewers').set(ana.auth)
    expect(reviewers.status, JSON.stringify(reviewers.body)).toBe(200)
    expect(reviewers.body.data).toEqual(
      [ana, bo]
        .map((u) => ({ id: u.id, label: u.email, name: `Test ${u.role}` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    )
    const developer = await createUserWithKey(t, 'developer')
    expect((await t.request.get('/api/sessions/reviewers').set(developer.auth)).status).toBe(403)
  })

  it('pages on (created_at, id) to the microsecond, stable while new sessions arrive', async () => {
    t = await createTestApp(kind)
    const flowId = await publishedFlow(t)
    // Same millisecond, different microseconds, and exact ties broken by id.
    const seeds: Seed[] = []
    for (let n = 0; n < 23; n++)
      seeds.push({ at: `2026-02-01T00:00:00.000${String(n % 7).padStart(3, '0')}Z` })
    const seeded = await seed(flowId, seeds)
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const res = await t.request
        .get(`/api/sessions?limit=5${cursor ? `&cursor=${cursor}` : ''}`)
        .set(t.admin)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      seen.push(...res.body.data.map((s: { id: string }) => s.id))
      cursor = res.body.nextCursor
      pages++
      // Sessions keep arriving (newer, so they sort first and must not shift later pages).
      await seed(flowId, [{ at: new Date().toISOString() }, { at: new Date().toISOString() }])
    } while (cursor)
    expect(pages).toBe(5)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.filter((id) => seeded.includes(id)).sort()).toEqual([...seeded].sort())
    const rows = await t.ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'in', seeded)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
    expect(seen.filter((id) => seeded.includes(id))).toEqual(rows.map((r) => r.id))
    for (const cursor of ['garbage', Buffer.from('["x","y"]').toString('base64url')]) {
      const res = await t.request.get(`/api/sessions?cursor=${cursor}`).set(t.admin)
      expect(res.status).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'INVALID_CURSOR', path: '/query/cursor' })
    }
  })
})
