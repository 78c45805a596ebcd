import { describe, expect, it } from 'vitest'
import {
  hasUnsavedWork,
  initialSaveState,
  saveConflicted,
  saveFailed,
  saveStarted,
  saveStatus,
  saveSucceeded,
} from './save-state.ts'

const a = { v: 'a' }
const b = { v: 'b' }
const c = { v: 'c' }

describe('save state', () => {
  it('is saved only for the acknowledged snapshot', () => {
    const state = initialSaveState(a)
    expect(saveStatus(state, a)).toBe('saved')
    expect(saveStatus(state, { v: 'a' })).toBe('unsaved')
    expect(saveStatus(state, b)).toBe('unsaved')
  })

  it('says saving while in flight, then unsaved when the user typed meanwhile', () => {
    let state = saveStarted(initialSaveState(a), b)
    expect(saveStatus(state, c)).toBe('saving')
    state = saveSucceeded(state, b)
    expect(saveStatus(state, c)).toBe('unsaved')
    expect(saveStatus(state, b)).toBe('saved')
  })

  it('keeps failed until a save succeeds, even after more edits', () => {
    let state = saveFailed(saveStarted(initialSaveState(a), b), 'offline')
    expect(saveStatus(state, b)).toBe('failed')
    expect(saveStatus(state, c)).toBe('failed')
    expect(saveStatus(saveStarted(state, c), c)).toBe('saving')
    state = saveSucceeded(saveStarted(state, c), c)
    expect(saveStatus(state, c)).toBe('saved')
  })

  it('is saved again when the edits are undone back to what the server has', () => {
    const state = saveFailed(saveStarted(initialSaveState(a), b), 'offline')
    expect(saveStatus(state, a)).toBe('saved')
  })

  it('reports a conflict until resolved', () => {
    const state = saveConflicted(saveStarted(initialSaveState(a), b), { revision: 4 })
    expect(saveStatus(state, b)).toBe('conflict')
    expect(saveStatus(saveSucceeded(state, b), b)).toBe('saved')
  })

  it('knows when leaving would lose work', () => {
    expect(hasUnsavedWork(initialSaveState(a), a)).toBe(false)
    expect(hasUnsavedWork(initialSaveState(a), b)).toBe(true)
    expect(hasUnsavedWork(saveStarted(initialSaveState(a), a), a)).toBe(true)
  })
})
