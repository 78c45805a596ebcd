import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as webhooksApi from './webhooks.api.ts'
import type { Webhook, WebhookDelivery, WebhookInput, WebhookWithSecret } from './webhooks.api.ts'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** Deliveries per page of a webhook's log. */
export const DELIVERIES_PAGE_SIZE = 20

/** The delivery log of one webhook, as far as it was loaded. */
export interface DeliveryLog {
  items: WebhookDelivery[]
  nextCursor?: string
  status: LoadStatus
  error: unknown
  loadingMore: boolean
  loadMoreError: unknown
  /** Bumped by every reload: an older answer that arrives late is dropped. */
  generation: number
}

function emptyLog(): DeliveryLog {
  return {
    items: [],
    status: 'idle',
    error: null,
    loadingMore: false,
    loadMoreError: null,
    generation: 0,
  }
}

/** Outgoing webhooks: their list, secrets shown once, test events and delivery logs. */
export const useWebhooksStore = defineStore('settings-webhooks', () => {
  const items = ref<Webhook[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  const logs = ref<Record<string, DeliveryLog>>({})

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    try {
      items.value = await webhooksApi.listWebhooks()
      status.value = 'ready'
    } catch (failure) {
      error.value = failure
      status.value = 'error'
    }
  }

  function replace(webhook: Webhook): void {
    items.value = items.value.map((item) => (item.id === webhook.id ? webhook : item))
  }

  /** Creates a webhook; the answer carries its secret, which the caller shows once. */
  async function create(input: WebhookInput): Promise<WebhookWithSecret> {
    const created = await webhooksApi.createWebhook(input)
    items.value = [...items.value, created.webhook]
    return created
  }

  async function setActive(id: string, active: boolean): Promise<Webhook> {
    const webhook = await webhooksApi.updateWebhook(id, { active })
    replace(webhook)
    return webhook
  }

  async function remove(id: string): Promise<void> {
    await webhooksApi.deleteWebhook(id)
    items.value = items.value.filter((item) => item.id !== id)
    delete logs.value[id]
  }

  /** A new secret (the old one stops working at once), for the caller to show once. */
  async function rotateSecret(id: string): Promise<WebhookWithSecret> {
    const rotated = await webhooksApi.rotateWebhookSecret(id)
    replace(rotated.webhook)
    return rotated
  }

  /** Queues a test event; an open log reloads to show it (and then follows it). */
  async function sendTest(id: string): Promise<WebhookDelivery> {
    const delivery = await webhooksApi.sendTestEvent(id)
    if (logs.value[id]) await loadDeliveries(id)
    return delivery
  }

  /**
   * Loads (or reloads) the newest deliveries; a reload covers as many as were shown, so the
   * log does not shrink while someone watches it.
   */
  async function loadDeliveries(id: string): Promise<void> {
    // Assign first, then read back: only the read gives the reactive proxy.
    if (!logs.value[id]) logs.value[id] = emptyLog()
    const log = logs.value[id]!
    const shown = Math.min(200, Math.max(DELIVERIES_PAGE_SIZE, log.items.length))
    const generation = ++log.generation
    log.status = 'loading'
    log.error = null
    try {
      const page = await webhooksApi.listDeliveries(id, { limit: shown })
      if (logs.value[id] !== log || log.generation !== generation) return
      log.items = page.items
      log.nextCursor = page.nextCursor
      log.status = 'ready'
    } catch (failure) {
      if (logs.value[id] !== log || log.generation !== generation) return
      log.error = failure
      log.status = 'error'
    }
  }

  async function loadMoreDeliveries(id: string): Promise<void> {
    const log = logs.value[id]
    if (!log?.nextCursor || log.loadingMore) return
    const generation = log.generation
    log.loadingMore = true
    log.loadMoreError = null
    try {
      const page = await webhooksApi.listDeliveries(id, {
        cursor: log.nextCursor,
        limit: DELIVERIES_PAGE_SIZE,
      })
      if (log.generation !== generation) return
      const seen = new Set(log.items.map((item) => item.id))
      log.items = [...log.items, ...page.items.filter((item) => !seen.has(item.id))]
      log.nextCursor = page.nextCursor
    } catch (failure) {
      log.loadMoreError = failure
    } finally {
      log.loadingMore = false
    }
  }

  /** Sends a delivery again; its row shows the requeued state. */
  async function retry(delivery: WebhookDelivery): Promise<WebhookDelivery> {
    const requeued = await webhooksApi.retryDelivery(delivery.id)
    const log = logs.value[delivery.webhookId]
    if (log) log.items = log.items.map((item) => (item.id === requeued.id ? requeued : item))
    return requeued
  }

  return {
    items,
    status,
    error,
    logs,
    load,
    create,
    setActive,
    remove,
    rotateSecret,
    sendTest,
    loadDeliveries,
    loadMoreDeliveries,
    retry,
  }
})
