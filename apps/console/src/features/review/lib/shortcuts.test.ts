import { afterEach, describe, expect, it } from 'vitest'
import { isTypingTarget, shortcutFor } from './shortcuts.ts'

afterEach(() => {
  document.body.innerHTML = ''
})

function element(html: string): Element {
  document.body.innerHTML = html
  return document.querySelector('[data-target]')!
}

const press = (key: string, target: EventTarget | null, extra: Partial<KeyboardEvent> = {}) =>
  shortcutFor({
    key,
    target,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    repeat: false,
    ...extra,
  })

describe('shortcutFor', () => {
  it('maps j, k, a, r and ? on the page', () => {
    const body = document.body
    expect(press('j', body)).toBe('next')
    expect(press('k', body)).toBe('previous')
    expect(press('a', body)).toBe('approve')
    expect(press('r', body)).toBe('reject')
    expect(press('?', body)).toBe('help')
    expect(press('x', body)).toBeNull()
    expect(press('J', body)).toBeNull()
  })

  it('works with the focus on a button', () => {
    expect(press('j', element('<button data-target>Next</button>'))).toBe('next')
  })

  it('never fires while typing in a field', () => {
    for (const html of [
      '<input data-target>',
      '<textarea data-target></textarea>',
      '<select data-target><option>a</option></select>',
      '<div contenteditable="true"><p data-target>text</p></div>',
    ]) {
      expect(press('a', element(html)), html).toBeNull()
    }
  })

  it('never fires with Ctrl, Cmd or Alt, nor for a held-down key', () => {
    const body = document.body
    expect(press('r', body, { ctrlKey: true })).toBeNull()
    expect(press('r', body, { metaKey: true })).toBeNull()
    expect(press('a', body, { altKey: true })).toBeNull()
    expect(press('j', body, { repeat: true })).toBeNull()
  })

  it('leaves the keys to an open dialog', () => {
    const inDialog = element('<div aria-modal="true"><button data-target>Close</button></div>')
    expect(press('j', inDialog)).toBeNull()
  })
})

describe('isTypingTarget', () => {
  it('is false for nothing and for plain elements', () => {
    expect(isTypingTarget(null)).toBe(false)
    expect(isTypingTarget(element('<a data-target href="#">x</a>'))).toBe(false)
    expect(isTypingTarget(window)).toBe(false)
  })
})
