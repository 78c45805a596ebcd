import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../app/http.ts'
import * as sessionsApi from './sessions.api.ts'
import type { SessionListItem, SessionPage } from './sessions.api.ts'
import { SESSIONS_PAGE_SIZE, useSessionsStore } from './sessions.store.ts'

vi.mock('./sessions.api.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof sessionsApi>()),
  listSessions: vi.fn(),
}))

const api = vi.mocked(sessionsApi)

function session(id: string, extra: Partial<SessionListItem> = {}): SessionListItem {
  return {
    id,
    createdAt: '2026-03-11T10:00:00.000Z',
    externalUserId: `user-${id}`,
    flow: { id: 'f', name: 'Seller onboarding', version: 1 },
    target: 'sandbox',
    isTest: false,
    status: 'completed',
    outcome: 'review_needed',
    decision: null,
    decisionPending: false,
    decidedBy: null,
    decidedAt: null,
    completedAt: '2026-03-11T10:05:00.000Z',
    expiresAt: '2026-03-11T10:15:00.000Z',
    ...extra,
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
})

describe('sessions store: first page', () => {
  it('asks the API with the resolved filter and the page size', async () => {
    api.listSessions.mockResolvedValue({ items: [session('a')], nextCursor: 'c1' })
    const store = useSessionsStore()
    await store.load({ status: 'completed', decision: 'none', q: ' u-1 ' })
    expect(api.listSessions).toHaveBeenCalledWith(
      { status: 'completed', decision: 'none', q: 'u-1' },
      undefined,
      SESSIONS_PAGE_SIZE,
      expect.any(AbortSignal),
    )
    expect(store.items.map((s) => s.id)).toEqual(['a'])
    expect(store.status).toBe('ready')
    expect(store.hasMore).toBe(true)
  })

  it('never sends the period: it becomes from/to', async () => {
    api.listSessions.mockResolvedValue({ items: [] })
    const store = useSessionsStore()
    await store.load({ period: 'this-month' })
    const query = api.listSessions.mock.calls[0]![0]
    expect(query).not.toHaveProperty('period')
    expect(Object.keys(query).sort()).toEqual(['from', 'to'])
  })

  it('keeps only the latest filter’s answer when answers cross', async () => {
    const slow = deferred<SessionPage>()
    const fast = deferred<SessionPage>()
    api.listSessions.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const store = useSessionsStore()
    const first = store.load({ status: 'expired' })
    const second = store.load({ status: 'completed' })
    fast.resolve({ items: [session('new')] })
    await second
    slow.resolve({ items: [session('old')] })
    await first
    expect(store.items.map((s) => s.id)).toEqual(['new'])
    expect(store.filter).toEqual({ status: 'completed' })
  })

  it('aborts the request a newer filter replaces', async () => {
    api.listSessions.mockReturnValueOnce(new Promise(() => {})).mockResolvedValue({ items: [] })
    const store = useSessionsStore()
    void store.load({ status: 'expired' })
    const signal = api.listSessions.mock.calls[0]![3]!
    await store.load({ status: 'completed' })
    expect(signal.aborted).toBe(true)
  })

  it('shows a failure and recovers on retry', async () => {
    const failure = new ApiError(500, 'INTERNAL', 'boom', [])
    api.listSessions.mockRejectedValueOnce(failure).mockResolvedValueOnce({ items: [session('a')] })
    const store = useSessionsStore()
    await store.load({ outcome: 'failed' })
    expect(store.status).toBe('error')
    expect(store.error).toBe(failure)
    await store.load()
    expect(store.status).toBe('ready')
    expect(store.error).toBeNull()
    expect(api.listSessions.mock.calls[1]![0]).toEqual({ outcome: 'failed' })
  })

  it('builds the CSV link from the same query', async () => {
    api.listSessions.mockResolvedValue({ items: [] })
    const store = useSessionsStore()
    await store.load({ status: 'completed', decision: 'none', test: false })
    expect(store.csvUrl).toBe('/api/sessions.csv?status=completed&decision=none&test=false')
  })
})

describe('sessions store: more pages', () => {
  it('appends the next page with the cursor and the same query', async () => {
    api.listSessions
      .mockResolvedValueOnce({ items: [session('a'), session('b')], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [session('b'), session('c')] })
    const store = useSessionsStore()
    await store.load({ target: 'sandbox' })
    await store.loadMore()
    expect(api.listSessions).toHaveBeenLastCalledWith(
      { target: 'sandbox' },
      'c1',
      SESSIONS_PAGE_SIZE,
    )
    expect(store.items.map((s) => s.id)).toEqual(['a', 'b', 'c'])
    expect(store.hasMore).toBe(false)
  })

  it('does not ask twice while a page is on its way, nor after the last page', async () => {
    const page = deferred<SessionPage>()
    api.listSessions
      .mockResolvedValueOnce({ items: [session('a')], nextCursor: 'c1' })
      .mockReturnValueOnce(page.promise)
    const store = useSessionsStore()
    await store.load({})
    const one = store.loadMore()
    const two = store.loadMore()
    page.resolve({ items: [session('b')] })
    await Promise.all([one, two])
    await store.loadMore()
    expect(api.listSessions).toHaveBeenCalledTimes(2)
  })

  it('keeps the loaded rows when the next page fails, and can try again', async () => {
    api.listSessions
      .mockResolvedValueOnce({ items: [session('a')], nextCursor: 'c1' })
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', 'offline', []))
      .mockResolvedValueOnce({ items: [session('b')] })
    const store = useSessionsStore()
    await store.load({})
    await store.loadMore()
    expect(store.items.map((s) => s.id)).toEqual(['a'])
    expect(store.loadMoreError).toBeInstanceOf(ApiError)
    expect(store.loadingMore).toBe(false)
    await store.loadMore()
    expect(store.items.map((s) => s.id)).toEqual(['a', 'b'])
    expect(store.loadMoreError).toBeNull()
  })

  it('drops a page that arrives after the filter changed', async () => {
    const late = deferred<SessionPage>()
    api.listSessions
      .mockResolvedValueOnce({ items: [session('a')], nextCursor: 'c1' })
      .mockReturnValueOnce(late.promise)
      .mockResolvedValueOnce({ items: [session('x')] })
    const store = useSessionsStore()
    await store.load({ status: 'completed' })
    const more = store.loadMore()
    await store.load({ status: 'expired' })
    late.resolve({ items: [session('b')] })
    await more
    expect(store.items.map((s) => s.id)).toEqual(['x'])
  })
})
