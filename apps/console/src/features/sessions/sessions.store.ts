import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { apiQueryOf, type SessionsFilter } from './lib/session-filter.ts'
import * as sessionsApi from './sessions.api.ts'
import type { SessionListItem } from './sessions.api.ts'

/** Rows per request: about two screens, so the next page is there before the user is. */
export const SESSIONS_PAGE_SIZE = 50

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}

/**
 * The review queue: the sessions of one filter, page by page (keyset: the API has no total, so
 * the list knows only how many it has loaded and whether more follow).
 */
export const useSessionsStore = defineStore('sessions', () => {
  // Shallow: rows are replaced, never edited; thousands of them need no deep proxies.
  const items = shallowRef<SessionListItem[]>([])
  const nextCursor = ref<string | undefined>()
  const filter = ref<SessionsFilter>({})
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  const loadingMore = ref(false)
  const loadMoreError = ref<unknown>(null)
  /** The API query of the current filter, fixed when it loaded (a period resolved once). */
  const apiQuery = shallowRef<sessionsApi.SessionsApiQuery>({})
  /** Bumped by every new filter: answers for older ones are dropped. */
  let generation = 0
  let inFlight: AbortController | undefined

  const hasMore = computed(() => nextCursor.value !== undefined)

  /** Loads the first page of `next` (rows of the previous filter stay until it arrives). */
  async function load(next: SessionsFilter = filter.value): Promise<void> {
    const request = ++generation
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    filter.value = { ...next }
    apiQuery.value = apiQueryOf(next)
    status.value = 'loading'
    error.value = null
    loadingMore.value = false
    loadMoreError.value = null
    try {
      const page = await sessionsApi.listSessions(
        apiQuery.value,
        undefined,
        SESSIONS_PAGE_SIZE,
        controller.signal,
      )
      if (request !== generation) return
      items.value = page.items
      nextCursor.value = page.nextCursor
      status.value = 'ready'
    } catch (failure) {
      if (request !== generation || isAbort(failure)) return
      error.value = failure
      status.value = 'error'
    }
  }

  /** Appends the next page; a row already shown is not repeated. */
  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value || status.value !== 'ready') return
    const request = generation
    loadingMore.value = true
    loadMoreError.value = null
    try {
      const page = await sessionsApi.listSessions(
        apiQuery.value,
        nextCursor.value,
        SESSIONS_PAGE_SIZE,
      )
      if (request !== generation) return
      const shown = new Set(items.value.map((session) => session.id))
      items.value = items.value.concat(page.items.filter((session) => !shown.has(session.id)))
      nextCursor.value = page.nextCursor
    } catch (failure) {
      if (request === generation) loadMoreError.value = failure
    } finally {
      if (request === generation) loadingMore.value = false
    }
  }

  /** The export of exactly what the list shows (the same resolved dates). */
  const csvUrl = computed(() => sessionsApi.sessionsCsvUrl(apiQuery.value))

  return {
    items,
    nextCursor,
    filter,
    apiQuery,
    status,
    error,
    loadingMore,
    loadMoreError,
    hasMore,
    csvUrl,
    load,
    loadMore,
  }
})
