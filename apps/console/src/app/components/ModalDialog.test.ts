import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import ModalDialog from './ModalDialog.vue'

/** A page with an opener button and the dialog it opens (two fields and a button inside). */
const Page = defineComponent({
  props: { dismissible: { type: Boolean, default: true } },
  setup(props) {
    const open = ref(false)
    return () => [
      h('button', { id: 'opener', onClick: () => (open.value = true) }, 'Open'),
      h(
        ModalDialog,
        {
          open: open.value,
          title: 'Rename',
          description: 'Give it a name.',
          dismissible: props.dismissible,
          onClose: () => (open.value = false),
        },
        {
          default: () => [h('input', { id: 'first' }), h('input', { id: 'second' })],
          footer: () => h('button', { id: 'last' }, 'Save'),
        },
      ),
    ]
  },
})

const mounted: Array<{ unmount(): void }> = []

async function openPage(props: { dismissible?: boolean } = {}) {
  const wrapper = mount(Page, { props, attachTo: document.body })
  mounted.push(wrapper)
  const opener = document.getElementById('opener') as HTMLButtonElement
  opener.focus()
  opener.click()
  await nextTick()
  await nextTick()
  return { wrapper, opener, dialog: () => document.querySelector<HTMLElement>('[role="dialog"]') }
}

function press(target: Element, key: string, shiftKey = false) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true }))
}

afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount())
  document.body.innerHTML = ''
})

describe('ModalDialog', () => {
  it('is a labelled modal dialog and focuses its first field', async () => {
    const { dialog } = await openPage()
    const element = dialog()!
    expect(element.getAttribute('aria-modal')).toBe('true')
    const title = document.getElementById(element.getAttribute('aria-labelledby')!)
    expect(title?.textContent).toBe('Rename')
    const description = document.getElementById(element.getAttribute('aria-describedby')!)
    expect(description?.textContent?.trim()).toBe('Give it a name.')
    expect(document.activeElement?.id).toBe('first')
    expect(document.body.classList.contains('has-modal')).toBe(true)
  })

  it('closes on Escape and gives the focus back to the opener', async () => {
    const { dialog, opener } = await openPage()
    press(document.getElementById('first')!, 'Escape')
    await nextTick()
    await nextTick()
    expect(dialog()).toBeNull()
    expect(document.activeElement).toBe(opener)
    expect(document.body.classList.contains('has-modal')).toBe(false)
  })

  it('keeps Tab inside: from the last element to the first, and back with Shift+Tab', async () => {
    await openPage()
    const last = document.getElementById('last')!
    last.focus()
    press(last, 'Tab')
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close')
    press(document.activeElement!, 'Tab', true)
    expect(document.activeElement?.id).toBe('last')
  })

  it('stays open on Escape while it may not be dismissed', async () => {
    const { dialog } = await openPage({ dismissible: false })
    press(document.getElementById('first')!, 'Escape')
    await nextTick()
    expect(dialog()).not.toBeNull()
    expect(document.querySelector('[aria-label="Close"]')).toBeNull()
  })
})
