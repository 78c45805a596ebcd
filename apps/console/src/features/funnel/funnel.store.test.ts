import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../app/http.ts'
import * as funnelApi from './funnel.api.ts'
import type { Funnel } from './funnel.api.ts'
import { useFunnelStore } from './funnel.store.ts'

vi.mock('./funnel.api.ts', () => ({ fetchFunnel: vi.fn() }))

const api = vi.mocked(funnelApi)
const FLOW = '6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6'

function funnel(launched: number): Funnel {
  return {
    flowId: FLOW,
    version: 1,
    from: null,
    to: null,
    target: null,
    launched,
    started: 0,
    steps: [],
    completed: 0,
    decided: 0,
  }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
})

describe('funnel store', () => {
  it('loads one version with the resolved range and target', async () => {
    api.fetchFunnel.mockResolvedValue(funnel(4))
    const store = useFunnelStore()
    await store.load({ flowId: FLOW, version: 1, target: 'sandbox', from: '2026-03-01' })
    expect(api.fetchFunnel).toHaveBeenCalledWith(
      FLOW,
      1,
      { from: new Date(2026, 2, 1).toISOString(), target: 'sandbox' },
      expect.any(AbortSignal),
    )
    expect(store.status).toBe('ready')
    expect(store.funnel?.launched).toBe(4)
  })

  it('waits for a flow and a version before asking', async () => {
    const store = useFunnelStore()
    await store.load({ flowId: FLOW })
    expect(api.fetchFunnel).not.toHaveBeenCalled()
    expect(store.status).toBe('idle')
    expect(store.funnel).toBeNull()
  })

  it('keeps the answer of the latest choice only', async () => {
    let resolveSlow!: (f: Funnel) => void
    api.fetchFunnel
      .mockReturnValueOnce(new Promise((resolve) => (resolveSlow = resolve)))
      .mockResolvedValueOnce(funnel(2))
    const store = useFunnelStore()
    const first = store.load({ flowId: FLOW, version: 1 })
    await store.load({ flowId: FLOW, version: 2 })
    resolveSlow(funnel(99))
    await first
    expect(store.funnel?.launched).toBe(2)
  })

  it('reports a failure', async () => {
    const failure = new ApiError(404, 'VERSION_NOT_FOUND', 'no such version', [])
    api.fetchFunnel.mockRejectedValue(failure)
    const store = useFunnelStore()
    await store.load({ flowId: FLOW, version: 9 })
    expect(store.status).toBe('error')
    expect(store.error).toBe(failure)
  })
})
