import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import SaveIndicator from './SaveIndicator.vue'

describe('SaveIndicator', () => {
  it('says each state and offers retry only after a failure', async () => {
    const wrapper = mount(SaveIndicator, {
      props: { status: 'saved', failure: null, lastSavedAt: null },
    })
    const label = () => wrapper.find('[data-testid="save-indicator"]')
    expect(label().text()).toBe('Saved')
    for (const [status, text] of [
      ['unsaved', 'Unsaved changes'],
      ['saving', 'Saving…'],
      ['conflict', 'Changed elsewhere'],
    ] as const) {
      await wrapper.setProps({ status })
      expect(label().text()).toContain(text)
      expect(label().attributes('data-status')).toBe(status)
      expect(wrapper.find('[data-testid="save-retry"]').exists()).toBe(false)
    }
    await wrapper.setProps({ status: 'failed', failure: 'The API cannot be reached' })
    expect(label().attributes('title')).toContain('The API cannot be reached')
    await wrapper.find('[data-testid="save-retry"]').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })
})
