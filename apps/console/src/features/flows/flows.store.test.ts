import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { FlowDetail, FlowPage, FlowSummary } from './flows.api.ts'
import * as flowsApi from './flows.api.ts'
import { FLOWS_PAGE_SIZE, summaryOf, useFlowsStore } from './flows.store.ts'

vi.mock('./flows.api.ts', () => ({
  listFlows: vi.fn(),
  createFlow: vi.fn(),
  archiveFlow: vi.fn(),
  unarchiveFlow: vi.fn(),
  listTemplates: vi.fn(),
  checkImport: vi.fn(),
  importFlow: vi.fn(),
}))

const api = vi.mocked(flowsApi)

function flow(id: string, extra: Partial<FlowSummary> = {}): FlowSummary {
  return {
    id,
    name: `Flow ${id}`,
    revision: 1,
    latestVersion: null,
    archived: false,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    stepCount: 2,
    ...extra,
  }
}

function detail(id: string, extra: Partial<FlowDetail> = {}): FlowDetail {
  const { stepCount: _stepCount, ...state } = flow(id)
  return { ...state, updatedBy: null, draft: { steps: [{}, {}, {}] }, issues: [], ...extra }
}

/** A promise the test resolves when it wants (to interleave two searches). */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
})

describe('flows store: loading', () => {
  it('loads the first page with the filters and the page size', async () => {
    api.listFlows.mockResolvedValue({ items: [flow('a')], nextCursor: 'c1' })
    const store = useFlowsStore()
    await store.load({ q: '  kyc ', archived: 'all' })
    expect(api.listFlows).toHaveBeenCalledWith({
      q: 'kyc',
      archived: 'all',
      limit: FLOWS_PAGE_SIZE,
    })
    expect(store.items.map((f) => f.id)).toEqual(['a'])
    expect(store.status).toBe('ready')
    expect(store.hasMore).toBe(true)
  })

  it('leaves out an empty search', async () => {
    api.listFlows.mockResolvedValue({ items: [] })
    await useFlowsStore().load({ q: '   ', archived: 'false' })
    expect(api.listFlows).toHaveBeenCalledWith({ archived: 'false', limit: FLOWS_PAGE_SIZE })
  })

  it('keeps only the answer of the latest search when answers arrive out of order', async () => {
    const slow = deferred<FlowPage>()
    const fast = deferred<FlowPage>()
    api.listFlows.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const store = useFlowsStore()
    const first = store.load({ q: 'k', archived: 'false' })
    const second = store.load({ q: 'kyc', archived: 'false' })
    fast.resolve({ items: [flow('kyc')] })
    await second
    slow.resolve({ items: [flow('k-old')] })
    await first
    expect(store.items.map((f) => f.id)).toEqual(['kyc'])
    expect(store.filter.q).toBe('kyc')
  })

  it('records a failure for the view to show, with the error', async () => {
    const failure = new Error('down')
    api.listFlows.mockRejectedValue(failure)
    const store = useFlowsStore()
    await store.load({ q: '', archived: 'false' })
    expect(store.status).toBe('error')
    expect(store.error).toBe(failure)
  })

  it('appends the next page with the cursor, without repeating rows', async () => {
    api.listFlows
      .mockResolvedValueOnce({ items: [flow('a'), flow('b')], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [flow('b'), flow('c')] })
    const store = useFlowsStore()
    await store.load({ q: 'x', archived: 'false' })
    await store.loadMore()
    expect(api.listFlows).toHaveBeenLastCalledWith({
      q: 'x',
      archived: 'false',
      cursor: 'c1',
      limit: FLOWS_PAGE_SIZE,
    })
    expect(store.items.map((f) => f.id)).toEqual(['a', 'b', 'c'])
    expect(store.hasMore).toBe(false)
    await store.loadMore()
    expect(api.listFlows).toHaveBeenCalledTimes(2)
  })

  it('keeps the rows when "load more" fails, and remembers the error', async () => {
    api.listFlows
      .mockResolvedValueOnce({ items: [flow('a')], nextCursor: 'c1' })
      .mockRejectedValueOnce(new Error('offline'))
    const store = useFlowsStore()
    await store.load({ q: '', archived: 'false' })
    await store.loadMore()
    expect(store.items).toHaveLength(1)
    expect(store.loadMoreError).toBeInstanceOf(Error)
    expect(store.loadingMore).toBe(false)
    expect(store.hasMore).toBe(true)
  })
})

describe('flows store: row actions', () => {
  async function storeWith(archived: 'false' | 'true' | 'all', items: FlowSummary[]) {
    api.listFlows.mockResolvedValue({ items })
    const store = useFlowsStore()
    await store.load({ q: '', archived })
    return store
  }

  it('archiving removes the row from the active list', async () => {
    const store = await storeWith('false', [flow('a'), flow('b')])
    api.archiveFlow.mockResolvedValue({ ...detail('a'), archived: true })
    await store.archive('a')
    expect(api.archiveFlow).toHaveBeenCalledWith('a')
    expect(store.items.map((f) => f.id)).toEqual(['b'])
  })

  it('archiving keeps the row, marked archived, when all flows are shown', async () => {
    const store = await storeWith('all', [flow('a'), flow('b')])
    api.archiveFlow.mockResolvedValue({ ...detail('a'), archived: true, revision: 1 })
    await store.archive('a')
    expect(store.items.find((f) => f.id === 'a')).toMatchObject({ archived: true, stepCount: 2 })
  })

  it('restoring removes the row from the archived list', async () => {
    const store = await storeWith('true', [flow('a', { archived: true })])
    api.unarchiveFlow.mockResolvedValue({ ...detail('a'), archived: false })
    await store.unarchive('a')
    expect(store.items).toEqual([])
  })

  it('a failed archive changes nothing and rethrows for the toast', async () => {
    const store = await storeWith('false', [flow('a')])
    api.archiveFlow.mockRejectedValue(new Error('forbidden'))
    await expect(store.archive('a')).rejects.toThrow('forbidden')
    expect(store.items).toHaveLength(1)
  })

  it('a duplicate joins the top of the active list with its step count', async () => {
    const store = await storeWith('false', [flow('a')])
    api.createFlow.mockResolvedValue(detail('copy', { name: 'Flow a (copy)' }))
    const copy = await store.duplicate('a')
    expect(api.createFlow).toHaveBeenCalledWith({ duplicateOf: 'a' })
    expect(copy.name).toBe('Flow a (copy)')
    expect(store.items.map((f) => f.id)).toEqual(['copy', 'a'])
    expect(store.items[0]?.stepCount).toBe(3)
  })

  it('a duplicate does not show up in the archived list', async () => {
    const store = await storeWith('true', [flow('a', { archived: true })])
    api.createFlow.mockResolvedValue(detail('copy'))
    await store.duplicate('a')
    expect(store.items.map((f) => f.id)).toEqual(['a'])
  })

  it('summaryOf counts the steps of the draft and drops draft and issues', () => {
    const summary = summaryOf(detail('x', { draft: {} }))
    expect(summary.stepCount).toBe(0)
    expect(summary).not.toHaveProperty('draft')
    expect(summary).not.toHaveProperty('issues')
  })
})

describe('flows store: templates and import', () => {
  it('fetches templates once, and again after a failure', async () => {
    const store = useFlowsStore()
    api.listTemplates.mockRejectedValueOnce(new Error('down'))
    await store.loadTemplates()
    expect(store.templatesStatus).toBe('error')
    api.listTemplates.mockResolvedValue([
      { id: 'kyc-lite', name: 'KYC Lite', description: '', stepCount: 2 },
    ])
    await store.loadTemplates()
    await store.loadTemplates()
    expect(api.listTemplates).toHaveBeenCalledTimes(2)
    expect(store.templates.map((t) => t.id)).toEqual(['kyc-lite'])
  })

  it('passes the import check and the import through to the API', async () => {
    const store = useFlowsStore()
    const report = { valid: true, issues: [], document: { name: 'x' } }
    api.checkImport.mockResolvedValue(report)
    api.importFlow.mockResolvedValue(detail('new'))
    const input = { from: 'identomat' as const, payload: { flags: {} } }
    expect(await store.checkImport(input)).toBe(report)
    expect((await store.importFlow(input)).id).toBe('new')
    expect(api.checkImport).toHaveBeenCalledWith(input)
  })
})
