import { describe, expect, it } from 'vitest'
import { copyKey, insertItem, moveItem, numberedKey, uniqueKey } from './list.ts'

describe('moveItem', () => {
  it('moves forward and backward', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd'])
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 1)).toEqual(['a', 'd', 'b', 'c'])
  })

  it('returns the same list when nothing moves', () => {
    const list = ['a', 'b']
    expect(moveItem(list, 1, 1)).toBe(list)
    expect(moveItem(list, 1, 5)).toBe(list)
    expect(moveItem(list, -1, 0)).toBe(list)
  })

  it('never mutates its input', () => {
    const list = Object.freeze(['a', 'b', 'c'])
    expect(moveItem(list, 2, 0)).toEqual(['c', 'a', 'b'])
  })
})

describe('insertItem', () => {
  it('inserts at an index or appends', () => {
    expect(insertItem(['a', 'c'], 'b', 1)).toEqual(['a', 'b', 'c'])
    expect(insertItem(['a'], 'b')).toEqual(['a', 'b'])
    expect(insertItem(['a'], 'b', 99)).toEqual(['a', 'b'])
    expect(insertItem(['a'], 'b', -3)).toEqual(['b', 'a'])
  })
})

describe('uniqueKey and copyKey', () => {
  it('keeps a free key and numbers a taken one', () => {
    expect(uniqueKey('email', new Set())).toBe('email')
    expect(uniqueKey('email', new Set(['email', 'email_2']))).toBe('email_3')
  })

  it('names copies', () => {
    expect(copyKey('liveness', new Set(['liveness']))).toBe('liveness_copy')
    expect(copyKey('liveness', new Set(['liveness', 'liveness_copy']))).toBe('liveness_copy_2')
  })
})

describe('numberedKey', () => {
  it('finds the first free number', () => {
    expect(numberedKey('option', new Set(['option_1', 'option_3']))).toBe('option_2')
    expect(numberedKey('question', new Set(), 4)).toBe('question_4')
  })
})
