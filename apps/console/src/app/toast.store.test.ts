import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './http.ts'
import { describeError, useToastStore } from './toast.store.ts'

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('toast store', () => {
  it('lets good news go by itself and keeps errors until dismissed', () => {
    const toasts = useToastStore()
    toasts.success('Saved.')
    toasts.error(new ApiError(409, 'REVISION_CONFLICT', 'the draft changed', []))
    vi.advanceTimersByTime(10_000)
    expect(toasts.toasts.map((t) => t.kind)).toEqual(['error'])
    toasts.dismiss(toasts.toasts[0]!.id)
    expect(toasts.toasts).toEqual([])
  })

  it('shows the API message with a prefix and the code as the detail', () => {
    const toasts = useToastStore()
    toasts.error(new ApiError(404, 'FLOW_NOT_FOUND', 'flow not found', []), 'Could not archive')
    expect(toasts.toasts[0]).toMatchObject({
      kind: 'error',
      message: 'Could not archive: Flow not found',
      detail: 'FLOW_NOT_FOUND',
    })
  })

  it('keeps at most four, dropping the oldest', () => {
    const toasts = useToastStore()
    for (const n of [1, 2, 3, 4, 5]) toasts.show({ kind: 'info', message: `n${n}` })
    expect(toasts.toasts.map((t) => t.message)).toEqual(['n2', 'n3', 'n4', 'n5'])
  })
})

describe('describeError', () => {
  it('speaks plainly about network, permission, rate limit and server failures', () => {
    expect(describeError(new ApiError(0, 'NETWORK_ERROR', 'x', []))).toMatch(/Cannot reach/)
    expect(describeError(new ApiError(403, 'FORBIDDEN', 'x', []))).toMatch(/role/)
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'x', []))).toMatch(/Too many/)
    expect(describeError(new ApiError(500, 'INTERNAL', 'x', []))).toMatch(/server/)
    expect(describeError(new Error('boom'))).toMatch(/Something went wrong/)
  })
})
