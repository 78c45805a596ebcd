import type { Answers } from '@veriflow/schema'
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue'
import { ApiError } from '../../../app/http.ts'
import { loadMessages, translator, type Messages, type Translate } from '../i18n/index.ts'
import type { ClaimStore } from '../lib/claim-store.ts'
import { completionAction, performCompletion, type SessionEnd } from '../lib/completion.ts'
import type { DeviceKind } from '../lib/device.ts'
import { endPageOf, type EndPage } from '../lib/end-pages.ts'
import { forcedHandoff, type HandoffOffer } from '../lib/qr-decision.ts'
import type { StepActions } from '../lib/step-actions.ts'
import {
  nextStepId,
  previousStepId,
  resumeStepId,
  stepIdOfPath,
  userSteps,
} from '../lib/step-flow.ts'
import { withMedia, withOtp } from '../lib/view-patch.ts'
import * as api from '../runner.api.ts'
import type { Completion, RunnerView } from '../runner.types.ts'
import { useHandoff } from './useHandoff.ts'

export type RunnerPhase = 'loading' | 'steps' | 'handoff' | 'finishing' | 'ended'

export interface RunnerSessionDeps {
  link: api.RunnerLink
  store: ClaimStore
  device: DeviceKind
  /** The page runs in another page's frame (postMessage on completion). */
  embedded: boolean
  win?: Window
}

/**
 * The runner page's state: claims the link (or reuses the claim kept for a reload), resumes at
 * the remembered step, moves through the steps, hands off to a phone, and ends with a redirect,
 * a postMessage to the launching origin, or an end page.
 */
export function useRunnerSession(deps: RunnerSessionDeps) {
  const { link, store } = deps
  const win = deps.win ?? window
  const view = shallowRef<RunnerView | null>(null)
  const claim = ref('')
  const phase = ref<RunnerPhase>('loading')
  const endPage = ref<EndPage | null>(null)
  const endCode = ref<string | null>(null)
  const redirectUrl = ref<string | null>(null)
  const currentStepId = ref<string | null>(null)
  const language = ref('en')
  const messages = shallowRef<Messages>({})
  const notice = ref('')
  const failure = ref('')
  const drafts = ref<Record<string, Answers>>({})
  let expiryTimer: ReturnType<typeof setTimeout> | undefined

  const t: Translate = (key, params) => translator(messages.value)(key, params)
  const steps = computed(() => userSteps(view.value?.flow.steps ?? []))
  const currentStep = computed(() => steps.value.find((s) => s.id === currentStepId.value) ?? null)
  const settings = computed(() => view.value?.flow.settings)
  const continuation = computed(() => view.value?.device === 'continue')

  function end(page: EndPage, code: string | null = null): void {
    handoff.stop()
    clearTimeout(expiryTimer)
    endPage.value = page
    endCode.value = code
    phase.value = 'ended'
  }

  /** Ends on a terminal API error; returns false for errors the step should show itself. */
  function endOnError(error: unknown): boolean {
    const page = endPageOf(error)
    if (!page) return false
    const code = error instanceof ApiError ? error.code : null
    if (page === 'expired') reportError('SESSION_EXPIRED', error)
    if (page === 'claimed' || page === 'not-found') store.forget(link.token)
    end(page, code)
    return true
  }

  /** An expiry reaches the integrator too, when the API says where (redirect or launching origin). */
  function reportError(code: string, error?: unknown): void {
    const body = error instanceof ApiError ? error.body : {}
    const sessionEnd: SessionEnd = {
      status: 'ERROR',
      errorCode: code,
      sessionId: (body.sessionId as string | undefined) ?? view.value?.sessionId ?? null,
      redirectUrl: (body.redirectUrl as string | undefined) ?? null,
      postMessageOrigin: (body.postMessageOrigin as string | undefined) ?? null,
    }
    performCompletion(
      completionAction(sessionEnd, {
        embedded: deps.embedded,
        device: view.value?.device ?? 'launch',
      }),
      win,
    )
  }

  function finishWith(completion: Completion, fresh: boolean): void {
    redirectUrl.value = completion.redirectUrl
    const action = completionAction(
      { ...completion, errorCode: null },
      { embedded: deps.embedded, device: view.value?.device ?? 'launch' },
    )
    if (continuation.value) return end('phone-done')
    if (!fresh) return end('completed')
    if (action.kind === 'redirect') end('redirecting')
    else end('completed')
    performCompletion(action, win)
  }

  async function setLanguage(tag: string): Promise<void> {
    messages.value = await loadMessages(tag)
    language.value = tag
    store.update(link.token, { language: tag })
    win.document.documentElement.lang = tag
  }

  function scheduleExpiry(expiresAt: string): void {
    clearTimeout(expiryTimer)
    const delay = new Date(expiresAt).getTime() - Date.now()
    if (delay > 2 ** 31 - 1) return
    expiryTimer = setTimeout(
      () => {
        if (phase.value === 'ended') return
        reportError('SESSION_EXPIRED')
        end('expired', 'SESSION_EXPIRED')
      },
      Math.max(0, delay),
    )
  }

  async function open(): Promise<RunnerView> {
    const stored = store.read(link.token)
    if (stored) {
      claim.value = stored.claim
      return api.fetchView(link.token, stored.claim)
    }
    const claimed = await api.claimLink(link)
    store.write(link.token, { claim: claimed.claim })
    claim.value = claimed.claim
    return claimed.runner
  }

  async function load(): Promise<void> {
    phase.value = 'loading'
    failure.value = ''
    let opened: RunnerView
    try {
      opened = await open()
    } catch (error) {
      if (!endOnError(error))
        failure.value = t(
          error instanceof ApiError && error.isNetworkError ? 'networkError' : 'genericError',
        )
      return
    }
    view.value = opened
    const languages = opened.flow.languages
    const stored = store.read(link.token)?.language
    const initial =
      [stored, opened.language].find((l) => l && languages.includes(l)) ?? languages[0] ?? 'en'
    await setLanguage(initial)
    if (opened.completion) return finishWith(opened.completion, false)
    currentStepId.value = resumeStepId(steps.value, opened.progress.currentStepId)
    scheduleExpiry(opened.expiresAt)
    const forced = forcedHandoff({
      settings: opened.flow.settings,
      device: deps.device,
      continuation: continuation.value,
    })
    if (forced.kind !== 'none') return handoff.start(forced, true)
    if (opened.device === 'launch' && opened.handoff.status === 'claimed') return handoff.follow()
    phase.value = 'steps'
  }

  /** Runs an API call of a step; terminal errors end the page, the rest go back to the step. */
  async function call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (error) {
      endOnError(error)
      throw error
    }
  }

  const actions: StepActions = {
    saveAnswers: (stepId, answers) =>
      call(async () => {
        view.value = await api.saveStep(link.token, claim.value, stepId, { answers })
      }),
    saveContact: (stepId, value) =>
      call(async () => {
        view.value = await api.saveStep(link.token, claim.value, stepId, { value })
      }),
    requestOtp: (stepId, value) =>
      call(async () => {
        const otp = await api.requestOtp(link.token, claim.value, stepId, value)
        if (view.value) view.value = withOtp(view.value, stepId, otp)
        return otp
      }),
    verifyOtp: (stepId, code) =>
      call(async () => {
        view.value = await api.verifyOtp(link.token, claim.value, stepId, code)
      }),
    upload: (stepId, kind, image) =>
      call(async () => {
        const media = await api.uploadCapture(link.token, claim.value, stepId, kind, image)
        if (view.value) view.value = withMedia(view.value, stepId, media)
        return media
      }),
  }

  function goTo(stepId: string): void {
    currentStepId.value = stepId
    notice.value = ''
    api.saveProgress(link.token, claim.value, stepId).catch((error: unknown) => endOnError(error))
  }

  async function finish(): Promise<void> {
    phase.value = 'finishing'
    try {
      finishWith(await api.completeSession(link.token, claim.value), true)
    } catch (error) {
      if (endOnError(error)) return
      phase.value = 'steps'
      const stepId =
        error instanceof ApiError
          ? error.issues.map((i) => stepIdOfPath(i.path)).find(Boolean)
          : undefined
      if (stepId && steps.value.some((s) => s.id === stepId)) goTo(stepId)
      notice.value = stepId
        ? t('stepIncomplete')
        : t(error instanceof ApiError && error.isNetworkError ? 'networkError' : 'genericError')
    }
  }

  /** The current step is done: the next one, or the end of the flow. */
  function advance(): void {
    const next = currentStepId.value ? nextStepId(steps.value, currentStepId.value) : null
    if (next) goTo(next)
    else void finish()
  }

  function back(): void {
    const previous = currentStepId.value ? previousStepId(steps.value, currentStepId.value) : null
    if (previous) goTo(previous)
  }

  const handoff = useHandoff({
    link,
    claim,
    view,
    phase,
    onCompleted: (completion) => finishWith(completion, true),
    onError: endOnError,
  })

  function startHandoff(offer: HandoffOffer): void {
    void handoff.start(offer, false)
  }

  onBeforeUnmount(() => {
    clearTimeout(expiryTimer)
    handoff.stop()
  })

  return {
    view,
    phase,
    endPage,
    endCode,
    redirectUrl,
    failure,
    notice,
    language,
    t,
    steps,
    currentStep,
    currentStepId,
    settings,
    continuation,
    drafts,
    actions,
    handoff,
    load,
    setLanguage,
    advance,
    back,
    startHandoff,
  }
}
