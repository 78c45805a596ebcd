import { reactive, type Ref, type ShallowRef } from 'vue'
import type { HandoffOffer } from '../lib/qr-decision.ts'
import * as api from '../runner.api.ts'
import type { Completion, RunnerView } from '../runner.types.ts'

/** How often the desktop asks how the phone is doing. */
export const HANDOFF_POLL_MS = 2000

export interface HandoffState {
  kind: 'handoff' | 'switch-url' | 'blocked'
  url: string | null
  status: 'creating' | 'pending' | 'claimed' | 'expired' | 'error'
  forced: boolean
  expiresAt: string | null
}

interface HandoffDeps {
  link: api.RunnerLink
  claim: Ref<string>
  view: ShallowRef<RunnerView | null>
  phase: Ref<string>
  onCompleted: (completion: Completion) => void
  /** Ends the page on a terminal error (returns whether it did). */
  onError: (error: unknown) => boolean
}

/**
 * The desktop's side of a QR hand-off: makes the one-time link, then follows the session by
 * polling until the phone completes it (and then completes here: redirect or postMessage).
 */
export function useHandoff(deps: HandoffDeps) {
  const state = reactive<HandoffState>({
    kind: 'handoff',
    url: null,
    status: 'creating',
    forced: false,
    expiresAt: null,
  })
  let timer: ReturnType<typeof setTimeout> | undefined
  let polling = false

  function stop(): void {
    polling = false
    clearTimeout(timer)
  }

  async function poll(): Promise<void> {
    if (!polling) return
    try {
      const view = await api.fetchView(deps.link.token, deps.claim.value)
      deps.view.value = view
      if (view.completion) {
        stop()
        return deps.onCompleted(view.completion)
      }
      if (view.handoff.status === 'claimed') state.status = 'claimed'
      else if (state.expiresAt && Date.parse(state.expiresAt) <= Date.now())
        state.status = 'expired'
    } catch (error) {
      if (deps.onError(error)) return stop()
    }
    if (polling) timer = setTimeout(() => void poll(), HANDOFF_POLL_MS)
  }

  function startPolling(): void {
    stop()
    polling = true
    timer = setTimeout(() => void poll(), HANDOFF_POLL_MS)
  }

  async function create(): Promise<void> {
    state.status = 'creating'
    state.url = null
    try {
      const link = await api.createHandoff(deps.link.token, deps.claim.value)
      state.url = link.url
      state.expiresAt = link.expiresAt
      state.status = 'pending'
      startPolling()
    } catch (error) {
      if (!deps.onError(error)) state.status = 'error'
    }
  }

  /** Shows the hand-off: a new continuation link, the integrator's switch URL, or "phone only". */
  async function start(offer: HandoffOffer, forced: boolean): Promise<void> {
    if (offer.kind === 'none') return
    stop()
    state.kind = offer.kind
    state.forced = forced
    deps.phase.value = 'handoff'
    if (offer.kind === 'switch-url') {
      state.url = offer.url
      state.status = 'pending'
    } else if (offer.kind === 'blocked') {
      state.url = null
      state.status = 'pending'
    } else await create()
  }

  /** After a reload of a desktop whose phone already took over: follow it. */
  function follow(): void {
    state.kind = 'handoff'
    state.forced = false
    state.status = 'claimed'
    deps.phase.value = 'handoff'
    startPolling()
  }

  /** Back to the steps on this device (when the flow does not force the phone). */
  function stay(): void {
    stop()
    deps.phase.value = 'steps'
  }

  return { state, start, follow, stay, stop, renew: create }
}
