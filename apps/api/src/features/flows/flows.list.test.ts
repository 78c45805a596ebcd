import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { json } from '../../common/db/tables.ts'
import { createFlow } from './flows.test-helpers.ts'

interface Item {
  id: string
  name: string
  updatedAt: string
}

/** Walks the list page by page, running `between` after each page. */
async function walk(
  t: TestApp,
  query: Record<string, string | number>,
  between: (page: number) => Promise<void> = async () => undefined,
): Promise<Item[]> {
  const seen: Item[] = []
  let cursor: string | undefined
  for (let page = 0; page < 100; page++) {
    const res = await t.request
      .get('/api/flows')
      .query({ ...query, ...(cursor ? { cursor } : {}) })
      .set(t.admin)
      .expect(200)
    seen.push(...res.body.data)
    cursor = res.body.nextCursor
    if (!cursor) return seen
    await between(page)
  }
  throw new Error('the list never ended')
}

describe.each(DATABASE_KINDS)('GET /api/flows: search and keyset pagination (%s)', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('lists items with their summary fields, newest change first', async () => {
    const older = await createFlow(t, { name: 'Summary older' })
    const newer = await createFlow(t, { template: 'kyc-lite', name: 'Summary newer' })
    const res = await t.request.get('/api/flows').query({ q: 'summary' }).set(t.admin).expect(200)
    expect(res.body).toEqual({
      data: [
        {
          id: newer.id,
          name: 'Summary newer',
          revision: 1,
          latestVersion: null,
          archived: false,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
          stepCount: (newer.draft as { steps: unknown[] }).steps.length,
        },
        expect.objectContaining({ id: older.id, stepCount: 0 }),
      ],
    })
  })

  it('searches names case-insensitively, treating % and _ literally', async () => {
    await createFlow(t, { name: 'Search: 100% Seller_KYC' })
    await createFlow(t, { name: 'Search: 1000 sellerXkyc' })
    const upper = await t.request.get('/api/flows').query({ q: 'SELLER_kyc' }).set(t.admin)
    expect(upper.body.data.map((item: Item) => item.name)).toEqual(['Search: 100% Seller_KYC'])
    const percent = await t.request.get('/api/flows').query({ q: '100%' }).set(t.admin)
    expect(percent.body.data.map((item: Item) => item.name)).toEqual(['Search: 100% Seller_KYC'])
  })

  it('returns every flow exactly once across pages while new flows are created', async () => {
    const existing = new Set<string>()
    for (let i = 0; i < 23; i++) existing.add((await createFlow(t, { name: `Paged ${i}` })).id)
    const seen = await walk(t, { q: 'Paged', limit: 4 }, async (page) => {
      await createFlow(t, { name: `Paged new ${page}` })
    })
    const ids = seen.map((item) => item.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of existing) expect(ids).toContain(id)
    for (let i = 1; i < seen.length; i++)
      expect(seen[i - 1]!.updatedAt >= seen[i]!.updatedAt).toBe(true)
  })

  it('pages correctly through ties and timestamps that differ by microseconds', async () => {
    // Same instant (one statement), and instants within one millisecond that a JS Date cannot tell apart.
    const times = [
      '2020-01-01T00:00:00.123456Z',
      '2020-01-01T00:00:00.123456Z',
      '2020-01-01T00:00:00.123456Z',
      '2020-01-01T00:00:00.123300Z',
      '2020-01-01T00:00:00.123001Z',
      '2020-01-01T00:00:00.123000Z',
      '2020-01-01T00:00:00.122999Z',
    ]
    const inserted = await t.ctx.db
      .insertInto('flows')
      .values(
        times.map((at, i) => ({
          name: `Micro ${i}`,
          draft: json({ name: `Micro ${i}` }),
          created_at: at,
          updated_at: sql<Date>`${at}::timestamptz`,
        })),
      )
      .returning('id')
      .execute()
    for (const limit of [1, 2, 3]) {
      const ids = (await walk(t, { q: 'Micro', limit })).map((item) => item.id)
      expect(ids.sort()).toEqual(inserted.map((row) => row.id).sort())
    }
  })

  it('filters archived flows: false (default), true, all', async () => {
    const live = await createFlow(t, { name: 'Filter live' })
    const gone = await createFlow(t, { name: 'Filter gone' })
    await t.request.delete(`/api/flows/${gone.id}`).set(t.admin).expect(200)
    const names = async (archived?: string) => {
      const res = await t.request
        .get('/api/flows')
        .query({ q: 'Filter', ...(archived ? { archived } : {}) })
        .set(t.admin)
        .expect(200)
      return res.body.data.map((item: Item) => item.id)
    }
    expect(await names()).toEqual([live.id])
    expect(await names('false')).toEqual([live.id])
    expect(await names('true')).toEqual([gone.id])
    expect(await names('all')).toEqual([gone.id, live.id])
  })

  it('answers 400 for a bad cursor, limit or filter, never 500', async () => {
    const forged = [
      'garbage',
      Buffer.from(JSON.stringify(['2020-01-01T00:00:00.000000Z', 'not-a-uuid'])).toString(
        'base64url',
      ),
      Buffer.from(
        JSON.stringify(['2020-02-30T00:00:00.000000Z', '00000000-0000-4000-8000-000000000000']),
      ).toString('base64url'),
      Buffer.from(JSON.stringify(['yesterday', '00000000-0000-4000-8000-000000000000'])).toString(
        'base64url',
      ),
      Buffer.from(JSON.stringify([1, 2])).toString('base64url'),
    ]
    for (const cursor of forged) {
      const res = await t.request.get('/api/flows').query({ cursor }).set(t.admin)
      expect(res.status, cursor).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'INVALID_CURSOR', path: '/query/cursor' })
    }
    for (const query of [{ limit: 0 }, { limit: 101 }, { archived: 'maybe' }, { sort: 'name' }])
      await t.request.get('/api/flows').query(query).set(t.admin).expect(400)
  })
})
