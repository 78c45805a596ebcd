import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../app/http.ts'
import { useSavedViewsStore } from './saved-views.store.ts'
import * as sessionsApi from './sessions.api.ts'
import type { SavedView } from './sessions.api.ts'

vi.mock('./sessions.api.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof sessionsApi>()),
  listSavedViews: vi.fn(),
  createSavedView: vi.fn(),
  deleteSavedView: vi.fn(),
}))

const api = vi.mocked(sessionsApi)

function view(id: string, name: string, query: Record<string, string>, builtIn = false): SavedView {
  return { id, name, query, builtIn, createdAt: '2026-03-01T00:00:00.000Z' }
}

const NEEDS_REVIEW = view('b1', 'Needs review', { status: 'completed', decision: 'none' }, true)
const REJECTED = view(
  'b2',
  'Rejected this week',
  { decision: 'rejected', period: 'this-week' },
  true,
)

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
})

describe('saved views store', () => {
  it('lists built-in views first, then the user’s newest first', async () => {
    api.listSavedViews.mockResolvedValue([
      NEEDS_REVIEW,
      view('o2', 'zebra', {}),
      REJECTED,
      view('o1', 'Alpha', {}),
    ])
    const store = useSavedViewsStore()
    await store.load()
    expect(store.views.map((v) => v.id)).toEqual(['b1', 'b2', 'o2', 'o1'])
    expect(store.builtIn.map((v) => v.id)).toEqual(['b1', 'b2'])
    expect(store.own.map((v) => v.id)).toEqual(['o2', 'o1'])
  })

  it('loads once unless forced, and reports a failure', async () => {
    api.listSavedViews.mockRejectedValueOnce(new ApiError(500, 'INTERNAL', 'boom', []))
    const store = useSavedViewsStore()
    await store.load()
    expect(store.status).toBe('error')
    api.listSavedViews.mockResolvedValue([NEEDS_REVIEW])
    await store.load()
    await store.load()
    expect(api.listSavedViews).toHaveBeenCalledTimes(2)
    await store.load(true)
    expect(api.listSavedViews).toHaveBeenCalledTimes(3)
  })

  it('finds the view whose filter the URL shows, in any key order', async () => {
    api.listSavedViews.mockResolvedValue([NEEDS_REVIEW, REJECTED])
    const store = useSavedViewsStore()
    await store.load()
    expect(store.matching({ decision: 'none', status: 'completed' })?.id).toBe('b1')
    expect(store.matching({ decision: 'rejected', period: 'this-week' })?.id).toBe('b2')
    expect(store.matching({ status: 'completed' })).toBeUndefined()
    expect(store.matching({ decision: 'none', status: 'completed', q: 'u1' })).toBeUndefined()
  })

  it('saves the filter with the URL’s keys (a period stays a period), newest first', async () => {
    api.listSavedViews.mockResolvedValue([NEEDS_REVIEW, view('o1', 'Older', {})])
    const created = view('o9', 'Mine', { target: 'sandbox', period: '7d' })
    api.createSavedView.mockResolvedValue(created)
    const store = useSavedViewsStore()
    await store.load()
    await store.create('  Mine ', { target: 'sandbox', period: '7d' })
    expect(api.createSavedView).toHaveBeenCalledWith({
      name: 'Mine',
      query: { target: 'sandbox', period: '7d' },
    })
    expect(store.views.map((v) => v.id)).toEqual(['b1', 'o9', 'o1'])
  })

  it('passes a taken name back to the dialog and adds nothing', async () => {
    api.listSavedViews.mockResolvedValue([])
    api.createSavedView.mockRejectedValue(
      new ApiError(409, 'NAME_TAKEN', 'you already have a view with this name', []),
    )
    const store = useSavedViewsStore()
    await store.load()
    await expect(store.create('Mine', { status: 'expired' })).rejects.toMatchObject({
      code: 'NAME_TAKEN',
    })
    expect(store.views).toEqual([])
  })

  it('removes a deleted view, and keeps it when the delete fails', async () => {
    const mine = view('o1', 'Mine', { status: 'expired' })
    api.listSavedViews.mockResolvedValue([NEEDS_REVIEW, mine])
    api.deleteSavedView
      .mockRejectedValueOnce(new ApiError(403, 'FORBIDDEN', 'no', []))
      .mockResolvedValueOnce(undefined)
    const store = useSavedViewsStore()
    await store.load()
    await expect(store.remove('o1')).rejects.toBeInstanceOf(ApiError)
    expect(store.own.map((v) => v.id)).toEqual(['o1'])
    await store.remove('o1')
    expect(api.deleteSavedView).toHaveBeenLastCalledWith('o1')
    expect(store.own).toEqual([])
  })
})
