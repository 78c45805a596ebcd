import { generateLargeFlow } from '@veriflow/schema/fixtures'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from './designer.api.ts'
import { useDesignerStore } from './designer.store.ts'
import { sampleFlow } from './lib/test-flows.ts'
import { EDITOR, REVIEWER, detailOf, signedInAs } from './test-support.ts'

vi.mock('./designer.api.ts')

beforeEach(() => {
  vi.useFakeTimers()
  signedInAs(EDITOR)
  vi.mocked(api.fetchFlow).mockImplementation(async (id) => detailOf(sampleFlow(), 1, id))
})

afterEach(() => {
  vi.useRealTimers()
  vi.resetAllMocks()
})

describe('designer store', () => {
  it('opens a flow and validates it without a server round trip', async () => {
    const store = useDesignerStore()
    await store.open('f1')
    expect(store.doc?.steps).toHaveLength(3)
    expect(store.issues.some((i) => i.code === 'QUESTION_KEY_DUPLICATE')).toBe(false)
    store.edit((doc) => ({ ...doc, steps: [...doc.steps, { ...doc.steps[0]! }] }))
    expect(store.errors).toHaveLength(0)
    vi.advanceTimersByTime(200)
    expect(store.errors.map((i) => i.code)).toContain('ID_DUPLICATE')
  })

  it('adds, moves, duplicates and removes steps as single undo entries', async () => {
    const store = useDesignerStore()
    await store.open('f1')
    store.addStep('email', 1)
    expect(store.doc?.steps[1]?.type).toBe('email')
    expect(store.selectedStep?.type).toBe('email')
    store.moveStep(1, 3)
    expect(store.doc?.steps.map((s) => s.type)[3]).toBe('email')
    expect(store.announcement).toMatch(/position 4 of 4/)
    store.duplicateStep('s_live')
    store.removeStep('s_doc')
    expect(store.doc?.steps.map((s) => s.key)).toEqual([
      'source_of_funds',
      'liveness',
      'liveness_copy',
      'require_email',
    ])
    for (let n = 0; n < 4; n++) store.undo()
    expect(store.doc?.steps.map((s) => s.key)).toEqual([
      'identity-document',
      'source_of_funds',
      'liveness',
    ])
    expect(store.canUndo).toBe(false)
    store.redo()
    expect(store.doc?.steps).toHaveLength(4)
  })

  it('keeps the selection out of the history', async () => {
    const store = useDesignerStore()
    await store.open('f1')
    store.select('s_q')
    store.moveStep(0, 2)
    store.select('s_doc')
    store.undo()
    expect(store.selectedStepId).toBe('s_doc')
    expect(store.canUndo).toBe(false)
  })

  it('groups a burst of typing in one field into one entry', async () => {
    const store = useDesignerStore()
    await store.open('f1')
    for (const name of ['N', 'Ne', 'New']) {
      store.edit((doc) => ({ ...doc, name }), 'flow:name')
      vi.advanceTimersByTime(100)
    }
    store.sealHistory()
    store.edit((doc) => ({ ...doc, name: 'New!' }), 'flow:name')
    store.undo()
    expect(store.doc?.name).toBe('New')
    store.undo()
    expect(store.doc?.name).toBe('Sample')
  })

  it('clears the history when another flow is opened', async () => {
    const store = useDesignerStore()
    await store.open('f1')
    store.addStep('email')
    await store.open('f2')
    expect(store.canUndo).toBe(false)
    expect(store.selectedStepId).toBeNull()
  })

  it('reveals an issue: tab, step, question, then a focus request', async () => {
    const store = useDesignerStore()
    await store.open('f1')
    store.reveal('/steps/1/questions/2/showWhen/any/0')
    expect(store.tab).toBe('design')
    expect(store.selectedStepId).toBe('s_q')
    expect(store.selectedQuestionId).toBe('q_income')
    expect(store.focusRequest?.path).toBe('/steps/1/questions/2/showWhen/any/0')
    store.reveal('/settings/returnUrl')
    expect(store.tab).toBe('settings')
  })

  it('is read-only without flows:write', async () => {
    signedInAs(REVIEWER)
    const store = useDesignerStore()
    await store.open('f1')
    expect(store.canEdit).toBe(false)
    store.addStep('email')
    store.edit((doc) => ({ ...doc, name: 'x' }))
    expect(store.doc?.steps).toHaveLength(3)
    expect(store.doc?.name).toBe('Sample')
  })

  it('reports a flow that cannot be loaded', async () => {
    const { ApiError } = await import('../../app/http.ts')
    vi.mocked(api.fetchFlow).mockRejectedValue(
      new ApiError(404, 'FLOW_NOT_FOUND', 'flow not found', []),
    )
    const store = useDesignerStore()
    await store.open('nope')
    expect(store.loadError?.code).toBe('FLOW_NOT_FOUND')
    expect(store.doc).toBeNull()
  })

  it('commits a reorder of a 200-step flow quickly', async () => {
    vi.mocked(api.fetchFlow).mockResolvedValue(
      detailOf(generateLargeFlow({ steps: 200, questions: 2000 })),
    )
    const store = useDesignerStore()
    await store.open('f1')
    const started = performance.now()
    store.moveStep(150, 3)
    expect(performance.now() - started).toBeLessThan(50)
    expect(store.doc?.steps[3]?.id).toBe('s150')
  })
})
