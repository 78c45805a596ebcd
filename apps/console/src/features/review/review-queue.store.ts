import { defineStore } from 'pinia'
import { ref } from 'vue'
import { findNeighbours, type Neighbours, type QueuePosition } from './lib/neighbours.ts'
import * as reviewApi from './review.api.ts'
import type { SessionFilter } from './review.api.ts'

export type QueueStatus = 'idle' | 'loading' | 'ready' | 'error'

/** The sessions before and after the one on screen, in the list the reviewer came from. */
export const useReviewQueueStore = defineStore('review-queue', () => {
  const neighbours = ref<Neighbours>({ previous: null, next: null })
  const status = ref<QueueStatus>('idle')
  const error = ref<unknown>(null)
  /** Where the last answer was for: a newer request wins. */
  let located = ''

  /** Finds the neighbours of `at` in the list of `filter` (a few bounded requests). */
  async function locate(filter: SessionFilter, at: QueuePosition): Promise<void> {
    const key = JSON.stringify([filter, at.id])
    located = key
    status.value = 'loading'
    error.value = null
    neighbours.value = { previous: null, next: null }
    try {
      const found = await findNeighbours(reviewApi.listSessions, filter, at)
      if (located !== key) return
      neighbours.value = found
      status.value = 'ready'
    } catch (failure) {
      if (located !== key) return
      error.value = failure
      status.value = 'error'
    }
  }

  return { neighbours, status, error, locate }
})
