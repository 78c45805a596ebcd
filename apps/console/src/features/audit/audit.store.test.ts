import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AuditEntry, AuditPage } from './audit.api.ts'
import * as auditApi from './audit.api.ts'
import { AUDIT_PAGE_SIZE, useAuditStore } from './audit.store.ts'
import { EMPTY_FILTER } from './lib/audit-filter.ts'

vi.mock('./audit.api.ts', () => ({ listAudit: vi.fn() }))
const api = vi.mocked(auditApi)

function entry(id: string): AuditEntry {
  return {
    id,
    at: '2026-11-20T10:00:00.000Z',
    actor: { kind: 'user', id: 'u1', label: 'ana@example.test' },
    action: 'flow.published',
    target: { type: 'flow', id: 'f1' },
    requestId: null,
    summary: { version: 1 },
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
})

describe('audit store', () => {
  it('asks for the filtered first page and then the next with the cursor and the same filter', async () => {
    api.listAudit
      .mockResolvedValueOnce({ items: [entry('9'), entry('8')], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [entry('8'), entry('7')] })
    const store = useAuditStore()
    await store.load({ ...EMPTY_FILTER, action: 'flow.published' })
    expect(api.listAudit).toHaveBeenLastCalledWith({
      action: 'flow.published',
      limit: AUDIT_PAGE_SIZE,
    })
    expect(store.hasMore).toBe(true)
    await store.loadMore()
    expect(api.listAudit).toHaveBeenLastCalledWith({
      action: 'flow.published',
      cursor: 'c1',
      limit: AUDIT_PAGE_SIZE,
    })
    expect(store.items.map((e) => e.id)).toEqual(['9', '8', '7'])
    expect(store.hasMore).toBe(false)
  })

  it('keeps only the answer of the latest filter when answers arrive out of order', async () => {
    const slow = deferred<AuditPage>()
    const fast = deferred<AuditPage>()
    api.listAudit.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const store = useAuditStore()
    const first = store.load({ ...EMPTY_FILTER, actor: 'a' })
    const second = store.load({ ...EMPTY_FILTER, actor: 'ana' })
    fast.resolve({ items: [entry('2')] })
    await second
    slow.resolve({ items: [entry('1')] })
    await first
    expect(store.items.map((e) => e.id)).toEqual(['2'])
    expect(store.filter.actor).toBe('ana')
  })

  it('keeps the rows and reports a failed "load more" on its own', async () => {
    api.listAudit
      .mockResolvedValueOnce({ items: [entry('9')], nextCursor: 'c1' })
      .mockRejectedValueOnce(new Error('offline'))
    const store = useAuditStore()
    await store.load(EMPTY_FILTER)
    await store.loadMore()
    expect(store.items).toHaveLength(1)
    expect(store.loadMoreError).toBeInstanceOf(Error)
    expect(store.status).toBe('ready')
    expect(store.hasMore).toBe(true)
  })
})
