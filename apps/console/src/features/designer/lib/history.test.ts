import { describe, expect, it } from 'vitest'
import { canRedo, canUndo, commit, createHistory, redo, seal, undo } from './history.ts'

describe('history', () => {
  it('undoes and redoes one entry per commit', () => {
    let h = createHistory('a')
    h = commit(h, 'b', { now: 0 })
    h = commit(h, 'c', { now: 10 })
    expect(canUndo(h)).toBe(true)
    h = undo(h)
    expect(h.present).toBe('b')
    h = undo(h)
    expect(h.present).toBe('a')
    expect(canUndo(h)).toBe(false)
    h = redo(redo(h))
    expect(h.present).toBe('c')
    expect(canRedo(h)).toBe(false)
  })

  it('merges a burst of typing in one field into one entry', () => {
    let h = createHistory('')
    for (const [n, text] of ['h', 'he', 'hel', 'hell', 'hello'].entries())
      h = commit(h, text, { group: 'field:key', now: n * 200 })
    expect(h.past).toEqual([''])
    expect(undo(h).present).toBe('')
  })

  it('starts a new entry after a pause, in another field, or after seal', () => {
    let h = createHistory('')
    h = commit(h, 'a', { group: 'f1', now: 0 })
    h = commit(h, 'ab', { group: 'f1', now: 5000 })
    expect(h.past).toEqual(['', 'a'])
    h = commit(h, 'abc', { group: 'f2', now: 5100 })
    expect(h.past).toHaveLength(3)
    h = seal(h)
    h = commit(h, 'abcd', { group: 'f2', now: 5200 })
    expect(h.past).toHaveLength(4)
  })

  it('never merges a group across an undo', () => {
    let h = createHistory(0)
    h = commit(h, 1, { group: 'g', now: 0 })
    h = undo(h)
    h = commit(h, 2, { group: 'g', now: 10 })
    expect(h.past).toEqual([0])
    expect(undo(h).present).toBe(0)
  })

  it('clears the redo stack on a new commit and ignores no-op commits', () => {
    let h = commit(commit(createHistory('a'), 'b'), 'c')
    h = undo(h)
    h = commit(h, 'x')
    expect(canRedo(h)).toBe(false)
    expect(commit(h, 'x')).toBe(h)
  })

  it('drops the oldest entries beyond the limit', () => {
    let h = createHistory(0)
    for (let n = 1; n <= 10; n++) h = commit(h, n, { limit: 3 })
    expect(h.past).toEqual([7, 8, 9])
  })

  it('undo and redo at the ends change nothing', () => {
    const h = createHistory('a')
    expect(undo(h)).toBe(h)
    expect(redo(h)).toBe(h)
  })
})
