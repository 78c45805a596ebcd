import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../app/http.ts'
import * as api from './designer.api.ts'
import { useDesignerStore } from './designer.store.ts'
import { sampleFlow } from './lib/test-flows.ts'
import { EDITOR, detailOf, signedInAs } from './test-support.ts'
import { useVersionsStore } from './versions.store.ts'

vi.mock('./designer.api.ts')

const meta = (version: number) => ({
  flowId: 'f1',
  version,
  note: `v${version}`,
  publishedAt: '2026-01-01T00:00:00Z',
  publishedBy: 'pm@example.com',
  contentHash: 'h',
})

beforeEach(() => {
  signedInAs(EDITOR)
  vi.mocked(api.fetchFlow).mockResolvedValue(detailOf(sampleFlow()))
  vi.mocked(api.saveDraft).mockResolvedValue({ ...detailOf(sampleFlow(), 2) })
})

afterEach(() => vi.resetAllMocks())

describe('versions store', () => {
  it('blocks publishing an invalid draft before any request', async () => {
    const designer = useDesignerStore()
    await designer.open('f1')
    designer.edit((doc) => ({ ...doc, steps: [...doc.steps, { ...doc.steps[0]! }] }))
    const result = await useVersionsStore().publish('note')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain('ID_DUPLICATE')
    expect(api.saveDraft).not.toHaveBeenCalled()
    expect(api.publishFlow).not.toHaveBeenCalled()
  })

  it('saves pending edits, then publishes the saved revision', async () => {
    vi.mocked(api.publishFlow).mockResolvedValue(meta(1))
    const designer = useDesignerStore()
    await designer.open('f1')
    designer.edit((doc) => ({ ...doc, name: 'Ready' }))
    const result = await useVersionsStore().publish('First version')
    expect(result.ok).toBe(true)
    expect(api.publishFlow).toHaveBeenCalledWith('f1', 'First version', 2)
    expect(designer.flow?.latestVersion).toBe(1)
    expect(useVersionsStore().versions[0]?.version).toBe(1)
  })

  it('shows the API issues of a refused publish', async () => {
    vi.mocked(api.publishFlow).mockRejectedValue(
      new ApiError(422, 'UNPROCESSABLE', 'the draft has errors', [
        { path: '/steps/0/key', code: 'STEP_KEY_DUPLICATE', message: 'dup', severity: 'error' },
      ]),
    )
    const designer = useDesignerStore()
    await designer.open('f1')
    const result = await useVersionsStore().publish('x')
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'STEP_KEY_DUPLICATE' }] })
  })

  it('restores a version into the draft as one undoable entry', async () => {
    const restored = { ...sampleFlow(), name: 'Old' }
    vi.mocked(api.restoreVersion).mockResolvedValue(detailOf(restored, 3))
    const designer = useDesignerStore()
    await designer.open('f1')
    expect(await useVersionsStore().restore(1)).toBeNull()
    expect(api.restoreVersion).toHaveBeenCalledWith('f1', 1, 1)
    expect(designer.doc?.name).toBe('Old')
    expect(designer.flow?.revision).toBe(3)
    designer.undo()
    expect(designer.doc?.name).toBe('Sample')
  })

  it('loads version documents once', async () => {
    vi.mocked(api.fetchVersion).mockResolvedValue({
      ...meta(1),
      document: sampleFlow() as unknown as Record<string, unknown>,
    })
    const designer = useDesignerStore()
    await designer.open('f1')
    const versions = useVersionsStore()
    const first = await versions.documentOf(1)
    expect(await versions.documentOf(1)).toBe(first)
    expect(api.fetchVersion).toHaveBeenCalledTimes(1)
  })
})
