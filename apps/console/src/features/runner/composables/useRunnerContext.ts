import { inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue'
import type { Translate } from '../i18n/index.ts'
import type { HandoffOffer } from '../lib/qr-decision.ts'
import type { StepActions } from '../lib/step-actions.ts'

/** What every step component gets from the page around it (the runner, or the preview). */
export interface RunnerContext {
  /** live: the end user's session; preview: the designer's (nothing stored or sent). */
  mode: 'live' | 'preview'
  t: Translate
  language: Ref<string>
  defaultLanguage: ComputedRef<string>
  actions: StepActions
  /** The preview shows questions hidden by conditions, marked as such. */
  showHidden: Ref<boolean>
  /** What a step offers when the camera is denied or missing (a QR hand-off, or nothing). */
  cameraFallback: ComputedRef<HandoffOffer>
  /** Opens the hand-off panel (the runner), or does nothing (the preview). */
  startHandoff(offer: HandoffOffer): void
}

const KEY: InjectionKey<RunnerContext> = Symbol('veriflow-runner')

export function provideRunnerContext(context: RunnerContext): void {
  provide(KEY, context)
}

export function useRunnerContext(): RunnerContext {
  const context = inject(KEY)
  if (!context) throw new Error('a runner step needs a runner context (RunnerApp or RunnerPreview)')
  return context
}
