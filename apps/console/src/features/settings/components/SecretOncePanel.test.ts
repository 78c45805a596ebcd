import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import SecretOncePanel from './SecretOncePanel.vue'

const SECRET = 'whsec_0123456789abcdef'

function render() {
  return mount(SecretOncePanel, {
    props: { secret: SECRET, label: 'Signing secret', testid: 'secret' },
  })
}

function stubClipboard(writeText: (text: string) => Promise<void>) {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('SecretOncePanel', () => {
  it('shows the secret with a warning that it will not be shown again', () => {
    const wrapper = render()
    expect(wrapper.get('[data-testid="secret-value"]').text()).toBe(SECRET)
    expect(wrapper.get('[data-testid="secret-warning"]').text()).toContain(
      'it will not be shown again',
    )
  })

  it('copies the exact secret and announces it', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined)
    stubClipboard(writeText)
    const wrapper = render()
    await wrapper.get('[data-testid="secret-copy"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(SECRET)
    expect(wrapper.get('[data-testid="secret-copy"]').text()).toBe('Copied')
    expect(wrapper.get('[data-testid="secret-copy-status"]').text()).toBe(
      'Signing secret copied to the clipboard.',
    )
  })

  it('says how to copy by hand when the browser refuses', async () => {
    stubClipboard(vi.fn().mockRejectedValue(new Error('denied')))
    const wrapper = render()
    await wrapper.get('[data-testid="secret-copy"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="secret-copy"]').text()).toBe('Copy')
    expect(wrapper.get('[data-testid="secret-copy-status"]').text()).toContain('copy it by hand')
  })
})
