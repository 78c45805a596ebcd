import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeliveryPage, Webhook, WebhookDelivery } from './webhooks.api.ts'
import * as webhooksApi from './webhooks.api.ts'
import { DELIVERIES_PAGE_SIZE, useWebhooksStore } from './webhooks.store.ts'

vi.mock('./webhooks.api.ts', () => ({
  listWebhooks: vi.fn(),
  createWebhook: vi.fn(),
  updateWebhook: vi.fn(),
  deleteWebhook: vi.fn(),
  rotateWebhookSecret: vi.fn(),
  sendTestEvent: vi.fn(),
  listDeliveries: vi.fn(),
  retryDelivery: vi.fn(),
}))
const api = vi.mocked(webhooksApi)

const HOOK: Webhook = {
  id: 'w1',
  url: 'https://hooks.example/veriflow',
  events: ['session.completed'],
  active: true,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
}

function delivery(id: string, extra: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id,
    webhookId: 'w1',
    eventId: `e${id}`,
    eventType: 'webhook.test',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: null,
    lastStatus: null,
    lastError: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    deliveredAt: null,
    attemptLog: [],
    ...extra,
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

describe('webhooks store', () => {
  it('hands the new secret to the caller and keeps only the webhook in the list', async () => {
    api.createWebhook.mockResolvedValue({ webhook: HOOK, secret: 'whsec_abc' })
    const store = useWebhooksStore()
    const created = await store.create({ url: HOOK.url, events: HOOK.events })
    expect(created.secret).toBe('whsec_abc')
    expect(store.items).toEqual([HOOK])
    expect(JSON.stringify(store.$state)).not.toContain('whsec_abc')
  })

  it('reloads an open log after a test event, so the new delivery shows', async () => {
    api.listDeliveries
      .mockResolvedValueOnce({ items: [] })
      .mockResolvedValueOnce({ items: [delivery('2')] })
    api.sendTestEvent.mockResolvedValue(delivery('2'))
    const store = useWebhooksStore()
    await store.loadDeliveries('w1')
    await store.sendTest('w1')
    expect(api.listDeliveries).toHaveBeenLastCalledWith('w1', { limit: DELIVERIES_PAGE_SIZE })
    expect(store.logs.w1!.items.map((d) => d.id)).toEqual(['2'])
  })

  it('drops a slow reload that a newer one overtook', async () => {
    const slow = deferred<DeliveryPage>()
    const fast = deferred<DeliveryPage>()
    api.listDeliveries.mockReturnValueOnce(slow.promise).mockReturnValueOnce(fast.promise)
    const store = useWebhooksStore()
    const first = store.loadDeliveries('w1')
    const second = store.loadDeliveries('w1')
    fast.resolve({ items: [delivery('2', { status: 'delivered' })] })
    await second
    slow.resolve({ items: [delivery('2')] })
    await first
    expect(store.logs.w1!.items[0]!.status).toBe('delivered')
  })

  it('pages the log, reloads as many as were shown, and replaces a retried row', async () => {
    api.listDeliveries
      .mockResolvedValueOnce({ items: [delivery('3'), delivery('2')], nextCursor: 'c1' })
      .mockResolvedValueOnce({ items: [delivery('1', { status: 'failed', attempts: 8 })] })
    api.retryDelivery.mockResolvedValue(delivery('1', { attempts: 0 }))
    const store = useWebhooksStore()
    await store.loadDeliveries('w1')
    await store.loadMoreDeliveries('w1')
    expect(api.listDeliveries).toHaveBeenLastCalledWith('w1', {
      cursor: 'c1',
      limit: DELIVERIES_PAGE_SIZE,
    })
    const failed = store.logs.w1!.items[2]!
    await store.retry(failed)
    expect(api.retryDelivery).toHaveBeenCalledWith('1')
    expect(store.logs.w1!.items.map((d) => [d.id, d.status])).toEqual([
      ['3', 'pending'],
      ['2', 'pending'],
      ['1', 'pending'],
    ])
  })

  it('removes a deleted webhook and its log', async () => {
    api.listWebhooks.mockResolvedValue([HOOK])
    api.listDeliveries.mockResolvedValue({ items: [] })
    api.deleteWebhook.mockResolvedValue(undefined)
    const store = useWebhooksStore()
    await store.load()
    await store.loadDeliveries('w1')
    await store.remove('w1')
    expect(store.items).toEqual([])
    expect(store.logs.w1).toBeUndefined()
  })
})
