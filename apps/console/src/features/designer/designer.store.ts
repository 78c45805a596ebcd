import { validateFlow, type Flow, type Issue, type StepType } from '@veriflow/schema'
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { ApiError } from '../../app/http.ts'
import { useAuthStore } from '../auth/auth.store.ts'
import * as api from './designer.api.ts'
import { toEditableFlow } from './lib/draft.ts'
import * as history from './lib/history.ts'
import { issueCountsByStep, locateIssue, type DesignerTab } from './lib/issue-paths.ts'
import {
  duplicateStep as duplicateStepIn,
  insertStep,
  moveStep as moveStepIn,
  removeStep as removeStepIn,
} from './lib/step-edits.ts'

/** Validation waits this long after the last change, so typing never waits for it. */
const VALIDATION_DELAY_MS = 150

/**
 * The designer's document: the flow being edited (immutable snapshots in an undo history), the
 * selection, live validation and issue navigation. Saving lives in draft-save.store.ts and
 * versions in versions.store.ts; both read this store.
 */
export const useDesignerStore = defineStore('designer', () => {
  const auth = useAuthStore()
  const flow = shallowRef<api.FlowState | null>(null)
  /** The draft exactly as the server holds it (the autosave compares against it). */
  const serverDoc = shallowRef<Flow | null>(null)
  const timeline = shallowRef<history.History<Flow> | null>(null)
  const doc = computed(() => timeline.value?.present ?? null)
  const loading = ref(false)
  const loadError = shallowRef<ApiError | null>(null)
  const tab = ref<DesignerTab>('design')
  const selectedStepId = ref<string | null>(null)
  const selectedQuestionId = ref<string | null>(null)
  const issues = shallowRef<Issue[]>([])
  const focusRequest = shallowRef<{ path: string; at: number } | null>(null)
  const announcement = ref('')

  const canEdit = computed(() => auth.can('flows:write') && flow.value?.archived !== true)
  const canPublish = computed(() => auth.can('flows:publish') && flow.value?.archived !== true)
  const canUndo = computed(() => timeline.value !== null && history.canUndo(timeline.value))
  const canRedo = computed(() => timeline.value !== null && history.canRedo(timeline.value))
  const errors = computed(() => issues.value.filter((i) => i.severity === 'error'))
  const warnings = computed(() => issues.value.filter((i) => i.severity === 'warning'))
  const countsByStep = computed(() => issueCountsByStep(issues.value))
  const selectedStep = computed(
    () => doc.value?.steps.find((step) => step.id === selectedStepId.value) ?? null,
  )
  const selectedStepIndex = computed(() =>
    selectedStep.value && doc.value ? doc.value.steps.indexOf(selectedStep.value) : -1,
  )

  let validationTimer: ReturnType<typeof setTimeout> | undefined
  /** Runs the shared validator now (publish calls this so it never acts on stale issues). */
  function validateNow(): Issue[] {
    clearTimeout(validationTimer)
    issues.value = doc.value ? validateFlow(doc.value).issues : []
    return issues.value
  }
  watch(doc, () => {
    clearTimeout(validationTimer)
    validationTimer = setTimeout(validateNow, VALIDATION_DELAY_MS)
  })

  function reset(detail: api.FlowDetail, keepSelection = false): void {
    const { doc: editable, repairs } = toEditableFlow(detail.draft)
    flow.value = stateOf(detail)
    serverDoc.value = detail.draft as unknown as Flow
    timeline.value = history.createHistory(editable)
    if (!keepSelection) {
      selectedStepId.value = null
      selectedQuestionId.value = null
      tab.value = 'design'
    }
    // The API validated this very draft with the same validator: opening a big flow does not
    // wait for a second run. A repaired draft is validated here (its paths may differ).
    if (repairs.length === 0 && Array.isArray(detail.issues)) {
      clearTimeout(validationTimer)
      issues.value = detail.issues
    } else {
      validateNow()
    }
  }

  /** Loads a flow; switching flows clears the undo history and the selection. */
  async function open(id: string): Promise<void> {
    loading.value = true
    loadError.value = null
    // Another flow: never show the previous one while this one loads.
    if (flow.value?.id !== id) {
      timeline.value = null
      flow.value = null
      serverDoc.value = null
      issues.value = []
    }
    try {
      const same = flow.value?.id === id
      const detail = await api.fetchFlow(id)
      reset(detail, same)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      loadError.value = error
      flow.value = null
      timeline.value = null
    } finally {
      loading.value = false
    }
  }

  /** Applies an edit as one undo entry (or extends a typing burst with the same `group`). */
  function edit(change: (doc: Flow) => Flow, group?: string): void {
    const current = timeline.value
    if (!current || !canEdit.value) return
    const next = change(current.present)
    if (next !== current.present)
      timeline.value = history.commit(current, next, group ? { group } : {})
  }

  /** Ends a typing burst (a field lost focus): the next keystroke starts a new undo entry. */
  function sealHistory(): void {
    if (timeline.value) timeline.value = history.seal(timeline.value)
  }

  function undo(): void {
    if (timeline.value && canEdit.value) timeline.value = history.undo(timeline.value)
    announce('Undone')
  }

  function redo(): void {
    if (timeline.value && canEdit.value) timeline.value = history.redo(timeline.value)
    announce('Redone')
  }

  /** The server saved the draft: remember its revision and that it holds `saved`. */
  function acknowledge(state: api.FlowState, saved: Flow): void {
    flow.value = stateOf(state)
    serverDoc.value = saved
  }

  /** A version was restored into the draft on the server: show it, undoable as one entry. */
  function restored(detail: api.FlowDetail): void {
    flow.value = stateOf(detail)
    const restoredDoc = toEditableFlow(detail.draft).doc
    serverDoc.value = detail.draft as unknown as Flow
    if (timeline.value) timeline.value = history.commit(timeline.value, restoredDoc)
  }

  function select(stepId: string | null, questionId: string | null = null): void {
    selectedStepId.value = stepId
    selectedQuestionId.value = questionId
  }

  /** Shows where an issue lives: its tab, step and question, then focuses its field. */
  function reveal(path: string): void {
    const location = locateIssue(path, doc.value)
    tab.value = location.tab
    if (location.stepId) select(location.stepId, location.questionId ?? null)
    focusRequest.value = { path, at: Date.now() }
  }

  /** Text for the aria-live region (screen readers hear moves, undo, deletions). */
  function announce(text: string): void {
    // Repeating the same text must still be announced: make it differ invisibly.
    announcement.value = announcement.value === text ? `${text}\u200b` : text
  }

  function addStep(type: StepType, index?: number): void {
    if (!doc.value || !canEdit.value) return
    const { doc: next, step } = insertStep(doc.value, type, index)
    edit(() => next)
    select(step.id)
    announce(`Added ${step.key} at position ${next.steps.indexOf(step) + 1}`)
  }

  function moveStep(from: number, to: number): void {
    const steps = doc.value?.steps ?? []
    const step = steps[from]
    if (!step || to < 0 || to >= steps.length || from === to) return
    edit((d) => moveStepIn(d, from, to))
    announce(`Moved ${step.key} to position ${to + 1} of ${steps.length}`)
  }

  function duplicateStep(stepId: string): void {
    if (!doc.value || !canEdit.value) return
    const { doc: next, step } = duplicateStepIn(doc.value, stepId)
    if (!step) return
    edit(() => next)
    select(step.id)
    announce(`Duplicated as ${step.key}`)
  }

  function removeStep(stepId: string): void {
    const steps = doc.value?.steps ?? []
    const index = steps.findIndex((s) => s.id === stepId)
    const step = steps[index]
    if (!step) return
    edit((d) => removeStepIn(d, stepId))
    if (selectedStepId.value === stepId) select(null)
    announce(`Deleted ${step.key}. Undo with Ctrl+Z.`)
  }

  return {
    flow,
    serverDoc,
    doc,
    loading,
    loadError,
    tab,
    selectedStepId,
    selectedQuestionId,
    selectedStep,
    selectedStepIndex,
    issues,
    errors,
    warnings,
    countsByStep,
    focusRequest,
    announcement,
    canEdit,
    canPublish,
    canUndo,
    canRedo,
    open,
    reset,
    edit,
    sealHistory,
    undo,
    redo,
    acknowledge,
    restored,
    select,
    reveal,
    announce,
    validateNow,
    addStep,
    moveStep,
    duplicateStep,
    removeStep,
  }
})

function stateOf(state: api.FlowState): api.FlowState {
  const { id, name, revision, latestVersion, archived, createdAt, updatedAt, updatedBy } = state
  return { id, name, revision, latestVersion, archived, createdAt, updatedAt, updatedBy }
}
