import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as auditApi from './audit.api.ts'
import type { AuditEntry } from './audit.api.ts'
import { EMPTY_FILTER, auditQuery, type AuditFilter } from './lib/audit-filter.ts'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** Entries per page ("Load more" fetches the next, keyset on the entry id). */
export const AUDIT_PAGE_SIZE = 50

/** The audit log: filtered, newest first, a page at a time. */
export const useAuditStore = defineStore('audit', () => {
  const items = ref<AuditEntry[]>([])
  const nextCursor = ref<string | undefined>()
  const filter = ref<AuditFilter>({ ...EMPTY_FILTER })
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  const loadingMore = ref(false)
  const loadMoreError = ref<unknown>(null)
  /** Bumped by every new filter: answers to older ones are dropped. */
  let generation = 0

  const hasMore = computed(() => nextCursor.value !== undefined)

  async function load(next: AuditFilter = filter.value): Promise<void> {
    const request = ++generation
    filter.value = { ...next }
    status.value = 'loading'
    error.value = null
    loadingMore.value = false
    loadMoreError.value = null
    try {
      const page = await auditApi.listAudit({ ...auditQuery(next), limit: AUDIT_PAGE_SIZE })
      if (request !== generation) return
      items.value = page.items
      nextCursor.value = page.nextCursor
      status.value = 'ready'
    } catch (failure) {
      if (request !== generation) return
      error.value = failure
      status.value = 'error'
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return
    const request = generation
    loadingMore.value = true
    loadMoreError.value = null
    try {
      const page = await auditApi.listAudit({
        ...auditQuery(filter.value),
        cursor: nextCursor.value,
        limit: AUDIT_PAGE_SIZE,
      })
      if (request !== generation) return
      const shown = new Set(items.value.map((entry) => entry.id))
      items.value = [...items.value, ...page.items.filter((entry) => !shown.has(entry.id))]
      nextCursor.value = page.nextCursor
    } catch (failure) {
      if (request === generation) loadMoreError.value = failure
    } finally {
      if (request === generation) loadingMore.value = false
    }
  }

  return {
    items,
    nextCursor,
    filter,
    status,
    error,
    loadingMore,
    loadMoreError,
    hasMore,
    load,
    loadMore,
  }
})
