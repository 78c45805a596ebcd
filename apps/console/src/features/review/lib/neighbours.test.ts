import { describe, expect, it } from 'vitest'
import type { SessionFilter, SessionListItem } from '../review.api.ts'
import { findNeighbours, type FetchPage } from './neighbours.ts'

interface Row extends SessionListItem {
  status: string
}

/** `GET /sessions` over rows in memory: newest first, from/to/status filters, keyset cursors. */
function fakeList(rows: Row[]) {
  const calls: SessionFilter[] = []
  const sorted = [...rows].sort((a, b) =>
    a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
  )
  const fetchPage: FetchPage = async (filter, page) => {
    calls.push(filter)
    let list = sorted.filter(
      (r) =>
        (!filter.status || r.status === filter.status) &&
        (!filter.from || r.createdAt >= filter.from) &&
        (!filter.to || r.createdAt < filter.to),
    )
    if (page.cursor) {
      const [at, id] = JSON.parse(page.cursor) as [string, string]
      list = list.filter((r) => r.createdAt < at || (r.createdAt === at && r.id < id))
    }
    const items = list.slice(0, page.limit)
    const last = items.at(-1)
    return list.length > page.limit && last
      ? { items, nextCursor: JSON.stringify([last.createdAt, last.id]) }
      : { items }
  }
  return { fetchPage, calls }
}

const at = (base: number, seconds: number) => new Date(base + seconds * 1000).toISOString()
const T0 = Date.parse('2026-03-01T00:00:00.000Z')

function rows(count: number, spacingSeconds: number, status = 'completed'): Row[] {
  return Array.from({ length: count }, (_, n) => ({
    id: `s-${String(n).padStart(6, '0')}`,
    createdAt: at(T0, n * spacingSeconds),
    externalUserId: `user-${n}`,
    status,
  }))
}

describe('findNeighbours', () => {
  it('finds the rows just above (newer) and below (older) the session', async () => {
    const list = rows(10, 60)
    const { fetchPage } = fakeList(list)
    const found = await findNeighbours(fetchPage, {}, list[4]!)
    expect(found.previous?.id).toBe('s-000005')
    expect(found.next?.id).toBe('s-000003')
  })

  it('knows the ends of the list', async () => {
    const list = rows(3, 60)
    const { fetchPage } = fakeList(list)
    expect(await findNeighbours(fetchPage, {}, list[2]!)).toMatchObject({ previous: null })
    expect(await findNeighbours(fetchPage, {}, list[0]!)).toMatchObject({ next: null })
  })

  it('keeps to the filter, and to a filter the session has just left', async () => {
    const list = [
      ...rows(6, 60),
      { id: 'x-decided', createdAt: at(T0, 150), externalUserId: 'x', status: 'decided' },
    ]
    list[3]!.status = 'other'
    const { fetchPage } = fakeList(list)
    const filter = { status: 'completed' }
    // The session left the filter (decided): its neighbours are still the rows around its place.
    const found = await findNeighbours(fetchPage, filter, list[6]!)
    expect(found.previous?.id).toBe('s-000004')
    expect(found.next?.id).toBe('s-000002')
  })

  it('pages through sessions created in the same millisecond', async () => {
    const same = Array.from({ length: 120 }, (_, n) => ({
      id: `s-${String(n).padStart(6, '0')}`,
      createdAt: at(T0, 0),
      externalUserId: `u${n}`,
      status: 'completed',
    }))
    const { fetchPage } = fakeList(same)
    const found = await findNeighbours(fetchPage, {}, same[10]!)
    expect(found.previous?.id).toBe('s-000011')
    expect(found.next?.id).toBe('s-000009')
  })

  it('reads only a few pages even when the list holds many sessions above the one shown', async () => {
    const list = rows(20_000, 1)
    const { fetchPage, calls } = fakeList(list)
    const current = list[100]!
    const found = await findNeighbours(fetchPage, {}, current)
    expect(found.previous?.id).toBe('s-000101')
    expect(found.next?.id).toBe('s-000099')
    expect(calls.length).toBeLessThan(10)
  })

  it('narrows a window that holds too many rows to read (bisection, still bounded)', async () => {
    // Nothing for a day above the session, then 5,000 sessions within one second.
    const current = {
      id: 's-current',
      createdAt: at(T0, 0),
      externalUserId: 'c',
      status: 'completed',
    }
    const crowd = Array.from({ length: 5000 }, (_, n) => ({
      id: `s-${String(n).padStart(6, '0')}`,
      createdAt: new Date(T0 + 2 * 86_400_000 + n / 10).toISOString(),
      externalUserId: `u${n}`,
      status: 'completed',
    }))
    const { fetchPage, calls } = fakeList([current, ...crowd])
    const found = await findNeighbours(fetchPage, {}, current)
    expect(found.previous?.createdAt).toBe(crowd[0]!.createdAt)
    expect(calls.length).toBeLessThan(60)
  })

  it('honours the filter’s own date range', async () => {
    const list = rows(10, 3600)
    const { fetchPage } = fakeList(list)
    const found = await findNeighbours(
      fetchPage,
      { from: list[3]!.createdAt, to: list[6]!.createdAt },
      list[5]!,
    )
    expect(found.previous).toBeNull()
    expect(found.next?.id).toBe('s-000004')
  })
})
