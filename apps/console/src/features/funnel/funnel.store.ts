import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { LoadStatus } from '../sessions/sessions.store.ts'
import * as funnelApi from './funnel.api.ts'
import type { Funnel } from './funnel.api.ts'
import { funnelApiQuery, type FunnelFilter } from './lib/funnel-filter.ts'

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError'
}

/** The funnel of one flow version for a date range and target. */
export const useFunnelStore = defineStore('funnel', () => {
  const funnel = shallowRef<Funnel | null>(null)
  const filter = ref<FunnelFilter>({})
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  let generation = 0
  let inFlight: AbortController | undefined

  /** Loads the funnel of `next` (needs a flow and a version); the last answer asked for wins. */
  async function load(next: FunnelFilter = filter.value): Promise<void> {
    const request = ++generation
    inFlight?.abort()
    filter.value = { ...next }
    if (!next.flowId || next.version === undefined) {
      funnel.value = null
      status.value = 'idle'
      return
    }
    const controller = new AbortController()
    inFlight = controller
    status.value = 'loading'
    error.value = null
    try {
      const data = await funnelApi.fetchFunnel(
        next.flowId,
        next.version,
        funnelApiQuery(next),
        controller.signal,
      )
      if (request !== generation) return
      funnel.value = data
      status.value = 'ready'
    } catch (failure) {
      if (request !== generation || isAbort(failure)) return
      error.value = failure
      status.value = 'error'
    }
  }

  return { funnel, filter, status, error, load }
})
