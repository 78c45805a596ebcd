import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ApiError } from './http.ts'

export type ToastKind = 'success' | 'info' | 'warning' | 'error'

/** One notification in the corner of the screen. */
export interface Toast {
  id: number
  kind: ToastKind
  message: string
  /** Optional second line (e.g. the API error code). */
  detail?: string
  /** One follow-up the user may take, e.g. "Open" after a duplicate. */
  action?: { label: string; run: () => void }
  /** Milliseconds before it disappears on its own; 0 keeps it until dismissed. */
  timeout: number
}

export type ToastInput = Omit<Toast, 'id' | 'timeout'> & { timeout?: number }

/** Errors stay until read; good news goes away by itself. */
const DEFAULT_TIMEOUT: Record<ToastKind, number> = {
  success: 4000,
  info: 5000,
  warning: 8000,
  error: 0,
}

/** How many toasts may pile up; the oldest goes first. */
const MAX_TOASTS = 4

/** The message a person should read for a failure (network, permission, API message). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return 'Cannot reach the Veriflow API. Check your connection.'
    if (error.status === 403) return 'Your role does not allow this.'
    if (error.status === 429) return 'Too many requests. Wait a moment and try again.'
    if (error.status >= 500) return 'Something went wrong on the server. Try again.'
    return capitalize(error.message)
  }
  return 'Something went wrong. Try again.'
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Notifications: API errors that belong to no field land here (CONVENTIONS.md). */
export const useToastStore = defineStore('toast', () => {
  const toasts = ref<Toast[]>([])
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let nextId = 1

  function show(input: ToastInput): number {
    const id = nextId++
    const toast: Toast = { ...input, id, timeout: input.timeout ?? DEFAULT_TIMEOUT[input.kind] }
    toasts.value = [...toasts.value, toast].slice(-MAX_TOASTS)
    if (toast.timeout > 0)
      timers.set(
        id,
        setTimeout(() => dismiss(id), toast.timeout),
      )
    return id
  }

  function dismiss(id: number): void {
    clearTimeout(timers.get(id))
    timers.delete(id)
    toasts.value = toasts.value.filter((toast) => toast.id !== id)
  }

  const success = (message: string, extra: Partial<ToastInput> = {}) =>
    show({ ...extra, kind: 'success', message })

  /** Shows a failure; ApiErrors carry their code as the detail line. */
  function error(failure: unknown, prefix?: string): number {
    const message = describeError(failure)
    return show({
      kind: 'error',
      message: prefix ? `${prefix}: ${message}` : message,
      ...(failure instanceof ApiError && !failure.isNetworkError ? { detail: failure.code } : {}),
    })
  }

  return { toasts, show, dismiss, success, error }
})
