import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { ApiError } from '../../../app/http.ts'
import * as flowsApi from '../flows.api.ts'
import { useFlowImport } from './useFlowImport.ts'

vi.mock('../flows.api.ts', () => ({ checkImport: vi.fn(), importFlow: vi.fn() }))
const api = vi.mocked(flowsApi)

const identomatBody = JSON.stringify({ company_key: 'k', flags: { language: 'en' }, steps: [] })
const warning = { path: '/steps/0', code: 'W', message: 'careful', severity: 'warning' as const }
const error = {
  path: '/steps/0/type',
  code: 'SCHEMA_ENUM',
  message: 'bad',
  severity: 'error' as const,
}

let scope: ReturnType<typeof effectScope>

function setup() {
  scope = effectScope()
  return scope.run(() => useFlowImport())!
}

/** Lets the debounced dry run start and its answer arrive. */
async function settle() {
  await nextTick()
  await vi.advanceTimersByTimeAsync(500)
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
  vi.useFakeTimers()
})

afterEach(() => {
  scope.stop()
  vi.useRealTimers()
})

describe('useFlowImport', () => {
  it('detects the format and runs the dry run by itself after a change', async () => {
    api.checkImport.mockResolvedValue({ valid: true, issues: [warning], document: { name: 'X' } })
    const state = setup()
    state.text.value = identomatBody
    expect(state.source.value).toBe('identomat')
    await settle()
    expect(api.checkImport).toHaveBeenCalledOnce()
    expect(api.checkImport).toHaveBeenCalledWith({
      from: 'identomat',
      payload: JSON.parse(identomatBody),
    })
    expect(state.warnings.value).toHaveLength(1)
    expect(state.canImport.value).toBe(true)
  })

  it('never imports with errors in the report', async () => {
    api.checkImport.mockResolvedValue({ valid: false, issues: [error, warning], document: null })
    const state = setup()
    state.text.value = identomatBody
    await settle()
    expect(state.errors.value).toEqual([error])
    expect(state.canImport.value).toBe(false)
    expect(await state.runImport()).toBeNull()
    expect(api.importFlow).not.toHaveBeenCalled()
  })

  it('a change makes the report stale until the new one is back', async () => {
    api.checkImport.mockResolvedValue({ valid: true, issues: [], document: null })
    const state = setup()
    state.text.value = identomatBody
    await settle()
    expect(state.canImport.value).toBe(true)
    state.name.value = 'Renamed'
    await nextTick()
    expect(state.reportIsCurrent.value).toBe(false)
    expect(state.canImport.value).toBe(false)
    await settle()
    expect(api.checkImport).toHaveBeenLastCalledWith(expect.objectContaining({ name: 'Renamed' }))
    expect(state.canImport.value).toBe(true)
  })

  it('does not call the API for broken JSON or an unknown format, until the user picks one', async () => {
    const state = setup()
    state.text.value = '{ "company_key": '
    await settle()
    state.text.value = '{ "name": "x" }'
    await settle()
    expect(api.checkImport).not.toHaveBeenCalled()
    expect(state.canCheck.value).toBe(false)
    api.checkImport.mockResolvedValue({ valid: false, issues: [error], document: null })
    state.choice.value = 'veriflow'
    await settle()
    expect(api.checkImport).toHaveBeenCalledWith({ from: 'veriflow', payload: { name: 'x' } })
  })

  it('imports the checked payload with the name', async () => {
    api.checkImport.mockResolvedValue({ valid: true, issues: [], document: null })
    api.importFlow.mockResolvedValue({ id: 'f1', name: 'Mine' } as never)
    const state = setup()
    state.text.value = identomatBody
    state.name.value = '  Mine '
    await settle()
    const flow = await state.runImport()
    expect(flow?.id).toBe('f1')
    expect(api.importFlow).toHaveBeenCalledWith({
      from: 'identomat',
      payload: JSON.parse(identomatBody),
      name: 'Mine',
    })
  })

  it('shows the issues of a 422 import as the report', async () => {
    api.checkImport.mockResolvedValue({ valid: true, issues: [], document: null })
    api.importFlow.mockRejectedValue(
      new ApiError(422, 'SCHEMA_ENUM', 'bad', [
        { code: 'SCHEMA_ENUM', message: 'bad', path: '/x' },
      ]),
    )
    const state = setup()
    state.text.value = identomatBody
    await settle()
    expect(await state.runImport()).toBeNull()
    expect(state.errors.value).toEqual([
      { code: 'SCHEMA_ENUM', message: 'bad', path: '/x', severity: 'error' },
    ])
    expect(state.canImport.value).toBe(false)
  })

  it('keeps a failed dry run apart from the report', async () => {
    api.checkImport.mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'offline', []))
    const state = setup()
    state.text.value = identomatBody
    await settle()
    expect(state.report.value).toBeNull()
    expect(state.requestError.value).toBeInstanceOf(ApiError)
    expect(state.checking.value).toBe(false)
  })

  it('refuses files over 5 MB', async () => {
    const state = setup()
    const big = new File(['x'.repeat(5 * 1024 * 1024 + 1)], 'big.json')
    await state.readFile(big)
    expect(state.fileError.value).toMatch(/larger than 5 MB/)
    expect(state.text.value).toBe('')
    await state.readFile(new File([identomatBody], 'body.json'))
    expect(state.text.value).toBe(identomatBody)
    expect(state.fileName.value).toBe('body.json')
  })
})
