import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  filterFromSaved,
  queryFromFilter,
  sameFilter,
  type SessionsFilter,
} from './lib/session-filter.ts'
import * as sessionsApi from './sessions.api.ts'
import type { SavedView } from './sessions.api.ts'
import type { LoadStatus } from './sessions.store.ts'

/** The built-in views first, then the user's own, newest first (as the API lists them). */
function ordered(views: SavedView[]): SavedView[] {
  return [...views.filter((view) => view.builtIn), ...views.filter((view) => !view.builtIn)]
}

/** Named filters of the sessions list: the built-in ones and the user's own. */
export const useSavedViewsStore = defineStore('saved-views', () => {
  const views = ref<SavedView[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)

  const builtIn = computed(() => views.value.filter((view) => view.builtIn))
  const own = computed(() => views.value.filter((view) => !view.builtIn))

  async function load(force = false): Promise<void> {
    if (status.value === 'loading' || (status.value === 'ready' && !force)) return
    status.value = 'loading'
    error.value = null
    try {
      views.value = ordered(await sessionsApi.listSavedViews())
      status.value = 'ready'
    } catch (failure) {
      error.value = failure
      status.value = 'error'
    }
  }

  /** The view whose filter is exactly this one (the list highlights it). */
  function matching(filter: SessionsFilter): SavedView | undefined {
    return views.value.find((view) => sameFilter(filterFromSaved(view.query), filter))
  }

  /** Saves the filter under a name; a 409 NAME_TAKEN ApiError goes back to the dialog. */
  async function create(name: string, filter: SessionsFilter): Promise<SavedView> {
    const view = await sessionsApi.createSavedView({
      name: name.trim(),
      query: queryFromFilter(filter),
    })
    const others = views.value.filter((v) => v.id !== view.id)
    views.value = ordered([view, ...others])
    return view
  }

  async function remove(id: string): Promise<void> {
    await sessionsApi.deleteSavedView(id)
    views.value = views.value.filter((view) => view.id !== id)
  }

  return { views, status, error, builtIn, own, load, matching, create, remove }
})
