import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { ShortcutAction } from '../lib/shortcuts.ts'
import { useReviewShortcuts } from './useReviewShortcuts.ts'

function page() {
  const calls: ShortcutAction[] = []
  const handler = (action: ShortcutAction) => () => calls.push(action)
  const Page = defineComponent({
    setup() {
      useReviewShortcuts({
        next: handler('next'),
        previous: handler('previous'),
        approve: handler('approve'),
        reject: handler('reject'),
        help: handler('help'),
      })
      return () => h('div', [h('input', { id: 'field' }), h('button', { id: 'button' }, 'Go')])
    },
  })
  const wrapper = mount(Page, { attachTo: document.body })
  return { wrapper, calls }
}

function press(target: EventTarget, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event
}

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('useReviewShortcuts', () => {
  it('runs the action of a key pressed on the page, and keeps the key from typing', () => {
    const { wrapper, calls } = page()
    const event = press(document.getElementById('button')!, 'j')
    press(document.body, 'r')
    press(document.body, '?', { shiftKey: true })
    expect(calls).toEqual(['next', 'reject', 'help'])
    expect(event.defaultPrevented).toBe(true)
    wrapper.unmount()
  })

  it('ignores keys typed into a field and keys with Ctrl', () => {
    const { wrapper, calls } = page()
    const typed = press(document.getElementById('field')!, 'a')
    press(document.body, 'k', { ctrlKey: true })
    expect(calls).toEqual([])
    expect(typed.defaultPrevented).toBe(false)
    wrapper.unmount()
  })

  it('stops listening when the page goes away', () => {
    const { wrapper, calls } = page()
    wrapper.unmount()
    press(document.body, 'j')
    expect(calls).toEqual([])
  })
})
