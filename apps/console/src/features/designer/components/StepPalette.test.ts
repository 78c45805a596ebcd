import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import StepPalette from './StepPalette.vue'

describe('StepPalette', () => {
  it('lists the nine step types and filters them by label, description or type', async () => {
    const wrapper = mount(StepPalette)
    expect(wrapper.findAll('[data-testid^="palette-item-"]')).toHaveLength(9)
    await wrapper.find('[data-testid="palette-search"]').setValue('selfie')
    expect(
      wrapper.findAll('[data-testid^="palette-item-"]').map((b) => b.attributes('data-testid')),
    ).toEqual(['palette-item-liveness'])
    await wrapper.find('[data-testid="palette-search"]').setValue('zzz')
    expect(wrapper.find('[data-testid="palette-empty"]').exists()).toBe(true)
  })

  it('appends a step on click', async () => {
    const wrapper = mount(StepPalette)
    await wrapper.find('[data-testid="palette-item-email"]').trigger('click')
    expect(wrapper.emitted('add')).toEqual([['email']])
  })
})
