import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as flowsApi from './flows.api.ts'
import type {
  ArchivedFilter,
  CreateFlowInput,
  FlowDetail,
  FlowState,
  FlowSummary,
  FlowTemplateSummary,
  ImportInput,
  ImportReport,
} from './flows.api.ts'

/** Rows per page of the flows list (keyset pagination: "Load more" fetches the next). */
export const FLOWS_PAGE_SIZE = 25

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** The filters of the flows list, as kept in the URL. */
export interface FlowsFilter {
  q: string
  archived: ArchivedFilter
}

/** A list row for a flow the API just created (its answer has the draft, not the step count). */
export function summaryOf(flow: FlowDetail): FlowSummary {
  const { draft, issues: _issues, updatedBy: _updatedBy, ...state } = flow
  return { ...state, stepCount: Array.isArray(draft.steps) ? draft.steps.length : 0 }
}

/** Whether a flow in this archived state belongs in a list with this filter. */
function belongs(archived: boolean, filter: ArchivedFilter): boolean {
  return filter === 'all' || (filter === 'true') === archived
}

/** The flows list: search, filter, keyset pages, and the actions on its rows. */
export const useFlowsStore = defineStore('flows', () => {
  const items = ref<FlowSummary[]>([])
  const nextCursor = ref<string | undefined>()
  const filter = ref<FlowsFilter>({ q: '', archived: 'false' })
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  const loadingMore = ref(false)
  const loadMoreError = ref<unknown>(null)
  const templates = ref<FlowTemplateSummary[]>([])
  const templatesStatus = ref<LoadStatus>('idle')
  const templatesError = ref<unknown>(null)
  /** Bumped by every new search: answers to older ones are dropped. */
  let generation = 0

  const hasMore = computed(() => nextCursor.value !== undefined)

  function listQuery(cursor?: string): flowsApi.FlowListQuery {
    const q = filter.value.q.trim()
    return {
      ...(q ? { q } : {}),
      archived: filter.value.archived,
      ...(cursor ? { cursor } : {}),
      limit: FLOWS_PAGE_SIZE,
    }
  }

  /** Loads the first page for these filters (the rows stay until the new ones arrive). */
  async function load(next: FlowsFilter = filter.value): Promise<void> {
    const request = ++generation
    filter.value = { ...next }
    status.value = 'loading'
    error.value = null
    loadingMore.value = false
    loadMoreError.value = null
    try {
      const page = await flowsApi.listFlows(listQuery())
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

  /** Appends the next page; rows already shown (moved by a concurrent edit) are not repeated. */
  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return
    const request = generation
    loadingMore.value = true
    loadMoreError.value = null
    try {
      const page = await flowsApi.listFlows(listQuery(nextCursor.value))
      if (request !== generation) return
      const shown = new Set(items.value.map((flow) => flow.id))
      items.value = [...items.value, ...page.items.filter((flow) => !shown.has(flow.id))]
      nextCursor.value = page.nextCursor
    } catch (failure) {
      if (request === generation) loadMoreError.value = failure
    } finally {
      if (request === generation) loadingMore.value = false
    }
  }

  /** Creates a flow (blank, from a template); the caller opens it in the designer. */
  async function create(input: CreateFlowInput): Promise<FlowDetail> {
    return flowsApi.createFlow(input)
  }

  /** Copies a flow's draft; the copy joins the top of the list when the filter shows it. */
  async function duplicate(id: string): Promise<FlowDetail> {
    const copy = await flowsApi.createFlow({ duplicateOf: id })
    if (belongs(copy.archived, filter.value.archived))
      items.value = [summaryOf(copy), ...items.value.filter((flow) => flow.id !== copy.id)]
    return copy
  }

  /** Puts the API's answer into the list: the row changes, or leaves a filter it no longer fits. */
  function applyState(state: FlowState): void {
    if (!belongs(state.archived, filter.value.archived)) {
      items.value = items.value.filter((flow) => flow.id !== state.id)
      return
    }
    items.value = items.value.map((flow) => (flow.id === state.id ? { ...flow, ...state } : flow))
  }

  async function archive(id: string): Promise<FlowState> {
    const state = await flowsApi.archiveFlow(id)
    applyState(state)
    return state
  }

  async function unarchive(id: string): Promise<FlowState> {
    const state = await flowsApi.unarchiveFlow(id)
    applyState(state)
    return state
  }

  /** The templates for "New flow" (fetched once; they ship with the server). */
  async function loadTemplates(force = false): Promise<void> {
    if (templatesStatus.value === 'loading') return
    if (templatesStatus.value === 'ready' && !force) return
    templatesStatus.value = 'loading'
    templatesError.value = null
    try {
      templates.value = await flowsApi.listTemplates()
      templatesStatus.value = 'ready'
    } catch (failure) {
      templatesError.value = failure
      templatesStatus.value = 'error'
    }
  }

  /** The import report (dry run): nothing is created. */
  function checkImport(input: ImportInput): Promise<ImportReport> {
    return flowsApi.checkImport(input)
  }

  /** Creates the flow from the payload (the dialog only offers it after a clean report). */
  function importFlow(input: ImportInput): Promise<FlowDetail> {
    return flowsApi.importFlow(input)
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
    templates,
    templatesStatus,
    templatesError,
    load,
    loadMore,
    create,
    duplicate,
    archive,
    unarchive,
    loadTemplates,
    checkImport,
    importFlow,
  }
})
