import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as sessionsApi from './sessions.api.ts'
import type { FlowOption, ReviewerOption } from './sessions.api.ts'
import type { LoadStatus } from './sessions.store.ts'

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })

/**
 * What the filters offer: the flows (with their published versions) and the reviewers who have
 * decided sessions. Loaded once per visit; a failure leaves the filter usable by URL.
 */
export const useFilterOptionsStore = defineStore('session-filter-options', () => {
  const flows = ref<FlowOption[]>([])
  const reviewers = ref<ReviewerOption[]>([])
  const flowsStatus = ref<LoadStatus>('idle')
  const reviewersStatus = ref<LoadStatus>('idle')

  /** Active flows first, then archived ones, each by name. */
  const sortedFlows = computed(() => [
    ...flows.value.filter((flow) => !flow.archived).sort(byName),
    ...flows.value.filter((flow) => flow.archived).sort(byName),
  ])

  function flowById(id: string | undefined): FlowOption | undefined {
    return id ? flows.value.find((flow) => flow.id === id) : undefined
  }

  /** The published versions of a flow, newest first. */
  function versionsOf(id: string | undefined): number[] {
    const latest = flowById(id)?.latestVersion ?? 0
    return Array.from({ length: latest }, (_, i) => latest - i)
  }

  async function loadFlows(force = false): Promise<void> {
    if (flowsStatus.value === 'loading' || (flowsStatus.value === 'ready' && !force)) return
    flowsStatus.value = 'loading'
    try {
      flows.value = await sessionsApi.listFlowOptions()
      flowsStatus.value = 'ready'
    } catch {
      flowsStatus.value = 'error'
    }
  }

  async function loadReviewers(force = false): Promise<void> {
    if (reviewersStatus.value === 'loading' || (reviewersStatus.value === 'ready' && !force)) return
    reviewersStatus.value = 'loading'
    try {
      reviewers.value = await sessionsApi.listReviewers()
      reviewersStatus.value = 'ready'
    } catch {
      reviewersStatus.value = 'error'
    }
  }

  return {
    flows,
    sortedFlows,
    reviewers,
    flowsStatus,
    reviewersStatus,
    flowById,
    versionsOf,
    loadFlows,
    loadReviewers,
  }
})
