import type { Answers } from '@veriflow/schema'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '../../app/http.ts'
import { operatorSteps, type OperatorStep } from './lib/operator-form.ts'
import * as reviewApi from './review.api.ts'
import type { DecisionInput, DecisionState, ReviewSettings, SessionDetail } from './review.api.ts'

/** How the page stands: loading, shown, or why it cannot be shown. */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'not-found' | 'forbidden' | 'error'

/** Whether the operator questionnaire's definition (questions, conditions) is at hand. */
export type OperatorStatus = 'idle' | 'loading' | 'ready' | 'changed' | 'error'

function statusOf(error: unknown): LoadStatus {
  if (error instanceof ApiError && error.status === 404) return 'not-found'
  if (error instanceof ApiError && error.status === 403) return 'forbidden'
  return 'error'
}

/** One session under review: its detail, the admin's review settings, decisions, operator answers. */
export const useReviewStore = defineStore('review', () => {
  const detail = ref<SessionDetail | null>(null)
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  /** The language the reviewer picked (null: the session's own, else the flow's default). */
  const chosenLanguage = ref<string | null>(null)
  const settings = ref<ReviewSettings | null>(null)
  const settingsError = ref<unknown>(null)
  const operator = ref<OperatorStep[]>([])
  const operatorStatus = ref<OperatorStatus>('idle')
  /** Bumped by every open: answers for a session no longer on screen are dropped. */
  let generation = 0

  const sessionId = computed(() => detail.value?.id ?? null)

  function languageFor(session: SessionDetail | null): string | undefined {
    if (chosenLanguage.value) return chosenLanguage.value
    const own = session?.sessionLanguage
    return own && session?.languages.includes(own) ? own : undefined
  }

  /**
   * Opens a session. The previous one disappears at once (a decision must never land on a
   * session that is no longer the one on screen); a language switch keeps it while reloading.
   */
  async function open(id: string): Promise<void> {
    const request = ++generation
    if (detail.value?.id !== id) detail.value = null
    status.value = 'loading'
    error.value = null
    try {
      let session = await reviewApi.fetchSession(id, chosenLanguage.value ?? undefined)
      const wanted = languageFor(session)
      if (wanted && wanted !== session.language && request === generation)
        session = await reviewApi.fetchSession(id, wanted)
      if (request !== generation) return
      detail.value = session
      status.value = 'ready'
      void loadSettings()
      void loadOperatorSteps(session, request)
    } catch (failure) {
      if (request !== generation) return
      error.value = failure
      status.value = statusOf(failure)
    }
  }

  /** Reads the session again without blanking the page (after a save or a decision). */
  async function refresh(): Promise<void> {
    const current = detail.value
    if (!current) return
    const request = generation
    try {
      const session = await reviewApi.fetchSession(current.id, current.language)
      if (request === generation) detail.value = session
    } catch {
      // The page keeps what it has; the action that asked already reported its own result.
    }
  }

  async function setLanguage(language: string): Promise<void> {
    chosenLanguage.value = language
    if (detail.value) await open(detail.value.id)
  }

  async function loadSettings(force = false): Promise<void> {
    if (settings.value && !force) return
    try {
      settings.value = await reviewApi.fetchReviewSettings()
      settingsError.value = null
    } catch (failure) {
      settingsError.value = failure
    }
  }

  async function loadOperatorSteps(session: SessionDetail, request: number): Promise<void> {
    if (!session.steps.some((s) => s.type === 'operator-questionnaire')) {
      operator.value = []
      operatorStatus.value = 'ready'
      return
    }
    operatorStatus.value = 'loading'
    try {
      const steps =
        session.document?.steps ??
        (await reviewApi.fetchFlowSteps(session.flow.id, session.flow.version))
      if (request !== generation) return
      const found = operatorSteps(steps, session.steps)
      operator.value = found.steps
      operatorStatus.value = found.consistent ? 'ready' : 'changed'
    } catch {
      if (request === generation) operatorStatus.value = 'error'
    }
  }

  function applyDecision(state: DecisionState): void {
    if (!detail.value || detail.value.id !== state.sessionId) return
    detail.value = {
      ...detail.value,
      decision: state.decision,
      decisionReason: state.reason,
      decidedBy: state.decidedBy,
      decidedAt: state.decidedAt,
      pendingDecision: state.pendingDecision,
    }
  }

  /** Decides (or, with four-eyes on, proposes); failures reach the caller as ApiError. */
  async function decide(input: DecisionInput): Promise<DecisionState> {
    const id = sessionId.value
    if (!id) throw new Error('no session is open')
    const state = await reviewApi.decide(id, input)
    applyDecision(state)
    void refresh()
    return state
  }

  /** Confirms the pending four-eyes decision (the API refuses the proposer). */
  async function confirm(): Promise<DecisionState> {
    const id = sessionId.value
    if (!id) throw new Error('no session is open')
    const state = await reviewApi.confirmDecision(id)
    applyDecision(state)
    void refresh()
    return state
  }

  /** Saves one operator questionnaire; a 400 carries issues at `/answers/<step>/<question>`. */
  async function saveOperatorAnswers(stepId: string, answers: Answers): Promise<void> {
    const id = sessionId.value
    if (!id) throw new Error('no session is open')
    const saved = await reviewApi.saveOperatorAnswers(id, { [stepId]: answers })
    if (detail.value?.id === id) detail.value = { ...detail.value, operatorAnswers: saved }
    await refresh()
  }

  return {
    detail,
    status,
    error,
    chosenLanguage,
    settings,
    settingsError,
    operator,
    operatorStatus,
    open,
    refresh,
    setLanguage,
    loadSettings,
    decide,
    confirm,
    saveOperatorAnswers,
  }
})
