import type { Flow } from '@veriflow/schema'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { ApiError } from '../../app/http.ts'
import * as api from './designer.api.ts'
import { useDesignerStore } from './designer.store.ts'
import { toEditableFlow } from './lib/draft.ts'
import {
  hasUnsavedWork,
  initialSaveState,
  saveConflicted,
  saveFailed,
  saveStarted,
  saveStatus,
  saveSucceeded,
  type ConflictInfo,
  type SaveState,
} from './lib/save-state.ts'

/** Quiet time after the last edit before the draft is saved. */
const SAVE_DELAY_MS = 800
/** Automatic retries after a network or server failure (the retry button is always there). */
const RETRY_DELAYS_MS = [3000, 10000, 30000]

/**
 * Autosave of the draft with an indicator that never lies: "saved" only when the server holds
 * exactly the document on screen. A stale revision (409) stops saving until the user chooses to
 * reload the other version or overwrite it.
 */
export const useDraftSaveStore = defineStore('draftSave', () => {
  const designer = useDesignerStore()
  const state = shallowRef<SaveState<Flow | null>>(initialSaveState(designer.serverDoc))
  const lastSavedAt = ref<Date | null>(null)
  const status = computed(() => saveStatus(state.value, designer.doc))
  const failure = computed(() => state.value.failure)
  const conflict = computed(() => state.value.conflict)
  const dirty = computed(() => designer.canEdit && hasUnsavedWork(state.value, designer.doc))

  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: Promise<void> | null = null
  let retries = 0

  function schedule(delay = SAVE_DELAY_MS): void {
    clearTimeout(timer)
    timer = setTimeout(() => void save(), delay)
  }

  // A new baseline (flow opened, reloaded or restored) resets what "saved" means.
  watch(
    () => designer.serverDoc,
    (doc) => {
      if (state.value.saving !== null) return
      clearTimeout(timer)
      retries = 0
      state.value = initialSaveState(doc)
      if (doc) lastSavedAt.value = designer.flow ? new Date(designer.flow.updatedAt) : null
    },
  )

  watch(
    () => designer.doc,
    (doc) => {
      if (!designer.canEdit || doc === null || doc === state.value.saved) return
      if (state.value.failure === null) schedule()
    },
  )

  /** Saves the document on screen now, unless a save is in flight or a conflict is open. */
  async function save(): Promise<void> {
    clearTimeout(timer)
    const doc = designer.doc
    const flow = designer.flow
    if (!doc || !flow || !designer.canEdit || inFlight || state.value.conflict) return
    if (doc === state.value.saved) {
      if (state.value.failure !== null) state.value = saveSucceeded(state.value, doc)
      return
    }
    state.value = saveStarted(state.value, doc)
    inFlight = (async () => {
      try {
        const saved = await api.saveDraft(flow.id, doc, flow.revision)
        state.value = saveSucceeded(state.value, doc)
        designer.acknowledge(saved, doc)
        lastSavedAt.value = new Date()
        retries = 0
      } catch (error) {
        onFailure(error)
      } finally {
        inFlight = null
      }
    })()
    await inFlight
    if (state.value.failure === null && !state.value.conflict && designer.doc !== state.value.saved)
      schedule()
  }

  function onFailure(error: unknown): void {
    if (!(error instanceof ApiError)) {
      state.value = saveFailed(state.value, (error as Error).message ?? 'save failed')
      return
    }
    if (error.status === 409 && error.code === 'REVISION_CONFLICT') {
      const current = (error.body.current ?? {}) as ConflictInfo
      state.value = saveConflicted(state.value, current)
      return
    }
    const message = error.isNetworkError ? 'The API cannot be reached' : error.message
    state.value = saveFailed(state.value, message)
    const retryable = error.isNetworkError || error.status >= 500 || error.status === 429
    const delay = RETRY_DELAYS_MS[retries]
    if (retryable && delay !== undefined) {
      retries++
      schedule(delay)
    }
  }

  /** Saves right now (the retry button). */
  function retry(): Promise<void> {
    retries = 0
    return save()
  }

  /**
   * Saves whatever is pending and waits for it; true when the server then holds the document
   * on screen (publish and restore call this first, so they act on what the user sees).
   */
  async function flush(): Promise<boolean> {
    clearTimeout(timer)
    for (let attempt = 0; attempt < 3; attempt++) {
      if (inFlight) await inFlight
      if (status.value === 'saved') return true
      if (state.value.conflict) return false
      await save()
      if (state.value.failure !== null) return false
    }
    return status.value === 'saved'
  }

  /** Conflict: drop local edits and load the version someone else saved. */
  async function reloadTheirs(): Promise<void> {
    const id = designer.flow?.id
    if (!id) return
    clearTimeout(timer)
    state.value = initialSaveState(designer.serverDoc)
    await designer.open(id)
  }

  /** Conflict: save the document on screen over the other version. */
  async function overwrite(): Promise<void> {
    const current = state.value.conflict
    const flow = designer.flow
    if (!current || !flow) return
    designer.acknowledge({ ...flow, revision: current.revision }, state.value.saved as Flow)
    state.value = { ...state.value, conflict: null }
    await save()
  }

  /** The user leaves without saving: no retry or pending save runs after they have gone. */
  function discard(): void {
    clearTimeout(timer)
    retries = RETRY_DELAYS_MS.length
  }

  /** The draft as the other writer saved it (the conflict dialog compares it with ours). */
  async function loadTheirs(): Promise<Flow | null> {
    const id = designer.flow?.id
    return id ? toEditableFlow((await api.fetchFlow(id)).draft).doc : null
  }

  return {
    discard,
    loadTheirs,
    status,
    failure,
    conflict,
    dirty,
    lastSavedAt,
    save,
    retry,
    flush,
    reloadTheirs,
    overwrite,
  }
})
