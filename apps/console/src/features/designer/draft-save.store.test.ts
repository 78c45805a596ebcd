import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../app/http.ts'
import * as api from './designer.api.ts'
import { useDesignerStore } from './designer.store.ts'
import { useDraftSaveStore } from './draft-save.store.ts'
import { sampleFlow } from './lib/test-flows.ts'
import { EDITOR, REVIEWER, detailOf, signedInAs } from './test-support.ts'

vi.mock('./designer.api.ts')

const savedState = (revision: number) => ({ ...detailOf(sampleFlow(), revision), issues: [] })

async function openFlow() {
  const designer = useDesignerStore()
  const drafts = useDraftSaveStore()
  await designer.open('f1')
  await vi.advanceTimersByTimeAsync(0)
  return { designer, drafts }
}

beforeEach(() => {
  vi.useFakeTimers()
  signedInAs(EDITOR)
  vi.mocked(api.fetchFlow).mockResolvedValue(detailOf(sampleFlow()))
})

afterEach(() => {
  vi.useRealTimers()
  vi.resetAllMocks()
})

describe('autosave', () => {
  it('goes saved → unsaved → saving → saved, with the revision in If-Match', async () => {
    let finish: () => void = () => undefined
    vi.mocked(api.saveDraft).mockImplementation(
      () => new Promise((resolve) => (finish = () => resolve(savedState(2)))),
    )
    const { designer, drafts } = await openFlow()
    expect(drafts.status).toBe('saved')
    designer.edit((doc) => ({ ...doc, name: 'Renamed' }))
    await vi.advanceTimersByTimeAsync(0)
    expect(drafts.status).toBe('unsaved')
    expect(drafts.dirty).toBe(true)
    await vi.advanceTimersByTimeAsync(900)
    expect(drafts.status).toBe('saving')
    expect(api.saveDraft).toHaveBeenCalledWith('f1', designer.doc, 1)
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(drafts.status).toBe('saved')
    expect(designer.flow?.revision).toBe(2)
    expect(drafts.dirty).toBe(false)
  })

  it('debounces a burst of edits into one save', async () => {
    vi.mocked(api.saveDraft).mockResolvedValue(savedState(2))
    const { designer } = await openFlow()
    for (const name of ['a', 'ab', 'abc']) {
      designer.edit((doc) => ({ ...doc, name }), 'flow:name')
      await vi.advanceTimersByTimeAsync(300)
    }
    await vi.advanceTimersByTimeAsync(1000)
    expect(api.saveDraft).toHaveBeenCalledTimes(1)
  })

  it('never says saved while an edit made during the save is pending', async () => {
    let finish: () => void = () => undefined
    vi.mocked(api.saveDraft).mockImplementationOnce(
      () => new Promise((resolve) => (finish = () => resolve(savedState(2)))),
    )
    vi.mocked(api.saveDraft).mockResolvedValueOnce(savedState(3))
    const { designer, drafts } = await openFlow()
    designer.edit((doc) => ({ ...doc, name: 'one' }))
    await vi.advanceTimersByTimeAsync(900)
    designer.edit((doc) => ({ ...doc, name: 'two' }))
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(drafts.status).toBe('unsaved')
    await vi.advanceTimersByTimeAsync(900)
    expect(vi.mocked(api.saveDraft).mock.calls[1]).toEqual(['f1', designer.doc, 2])
    expect(drafts.status).toBe('saved')
  })

  it('shows failed when the API is unreachable, retries, and recovers', async () => {
    vi.mocked(api.saveDraft).mockRejectedValueOnce(
      new ApiError(0, 'NETWORK_ERROR', 'cannot reach the Veriflow API', []),
    )
    vi.mocked(api.saveDraft).mockResolvedValueOnce(savedState(2))
    const { designer, drafts } = await openFlow()
    designer.edit((doc) => ({ ...doc, name: 'x' }))
    await vi.advanceTimersByTimeAsync(900)
    expect(drafts.status).toBe('failed')
    expect(drafts.failure).toMatch(/cannot be reached/)
    designer.edit((doc) => ({ ...doc, name: 'xy' }))
    await vi.advanceTimersByTimeAsync(0)
    expect(drafts.status).toBe('failed')
    await drafts.retry()
    expect(drafts.status).toBe('saved')
  })

  it('retries a network failure by itself', async () => {
    vi.mocked(api.saveDraft).mockRejectedValueOnce(new ApiError(503, 'UNAVAILABLE', 'down', []))
    vi.mocked(api.saveDraft).mockResolvedValueOnce(savedState(2))
    const { designer, drafts } = await openFlow()
    designer.edit((doc) => ({ ...doc, name: 'x' }))
    await vi.advanceTimersByTimeAsync(900)
    expect(drafts.status).toBe('failed')
    await vi.advanceTimersByTimeAsync(3100)
    expect(drafts.status).toBe('saved')
  })

  it('stops on a 409 and can overwrite with the current revision or reload theirs', async () => {
    vi.mocked(api.saveDraft).mockRejectedValueOnce(
      new ApiError(409, 'REVISION_CONFLICT', 'stale', [], {
        current: { revision: 5, updatedAt: '2026-01-02T00:00:00Z', updatedBy: 'other@example.com' },
      }),
    )
    vi.mocked(api.saveDraft).mockResolvedValueOnce(savedState(6))
    const { designer, drafts } = await openFlow()
    designer.edit((doc) => ({ ...doc, name: 'mine' }))
    await vi.advanceTimersByTimeAsync(900)
    expect(drafts.status).toBe('conflict')
    expect(drafts.conflict).toMatchObject({ revision: 5, updatedBy: 'other@example.com' })
    await drafts.overwrite()
    expect(vi.mocked(api.saveDraft).mock.calls[1]?.[2]).toBe(5)
    expect(drafts.status).toBe('saved')
    expect(designer.doc?.name).toBe('mine')
  })

  it('reloads the other version on request', async () => {
    vi.mocked(api.saveDraft).mockRejectedValueOnce(
      new ApiError(409, 'REVISION_CONFLICT', 'stale', [], { current: { revision: 5 } }),
    )
    const { designer, drafts } = await openFlow()
    designer.edit((doc) => ({ ...doc, name: 'mine' }))
    await vi.advanceTimersByTimeAsync(900)
    vi.mocked(api.fetchFlow).mockResolvedValue(detailOf({ ...sampleFlow(), name: 'theirs' }, 5))
    await drafts.reloadTheirs()
    await vi.advanceTimersByTimeAsync(0)
    expect(designer.doc?.name).toBe('theirs')
    expect(designer.flow?.revision).toBe(5)
    expect(drafts.status).toBe('saved')
  })

  it('flush saves now and tells whether the server has the document', async () => {
    vi.mocked(api.saveDraft).mockResolvedValue(savedState(2))
    const { designer, drafts } = await openFlow()
    designer.edit((doc) => ({ ...doc, name: 'now' }))
    expect(await drafts.flush()).toBe(true)
    expect(api.saveDraft).toHaveBeenCalledTimes(1)
  })

  it('undoing back to the saved document is saved again', async () => {
    vi.mocked(api.saveDraft).mockResolvedValue(savedState(2))
    const { designer, drafts } = await openFlow()
    designer.edit((doc) => ({ ...doc, name: 'x' }))
    await vi.advanceTimersByTimeAsync(0)
    designer.undo()
    await vi.advanceTimersByTimeAsync(0)
    expect(drafts.status).toBe('saved')
    await vi.advanceTimersByTimeAsync(2000)
    expect(api.saveDraft).not.toHaveBeenCalled()
  })

  it('stops retrying once the user leaves without saving', async () => {
    vi.mocked(api.saveDraft).mockRejectedValue(new ApiError(0, 'NETWORK_ERROR', 'offline', []))
    const { designer, drafts } = await openFlow()
    designer.edit((doc) => ({ ...doc, name: 'x' }))
    await vi.advanceTimersByTimeAsync(900)
    expect(api.saveDraft).toHaveBeenCalledTimes(1)
    drafts.discard()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(api.saveDraft).toHaveBeenCalledTimes(1)
  })

  it('never saves for a read-only user', async () => {
    signedInAs(REVIEWER)
    const { drafts } = await openFlow()
    expect(drafts.dirty).toBe(false)
    await drafts.flush()
    expect(api.saveDraft).not.toHaveBeenCalled()
  })
})
