import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import CountryMultiSelect from './CountryMultiSelect.vue'

const mountPicker = (value: string[] = []) =>
  mount(CountryMultiSelect, { props: { value, testid: 'c', label: 'Countries' } })

describe('CountryMultiSelect', () => {
  it('finds countries by name and by ISO alpha-3 code', async () => {
    const wrapper = mountPicker()
    await wrapper.find('[data-testid="c-search"]').setValue('georgia')
    expect(wrapper.find('[data-testid="c-option-GEO"]').exists()).toBe(true)
    await wrapper.find('[data-testid="c-search"]').setValue('deu')
    const first = wrapper.findAll('.result')[0]!
    expect(first.text()).toContain('DEU')
    expect(first.text()).toContain('Germany')
  })

  it('adds with a click or Enter and removes a chip', async () => {
    const wrapper = mountPicker(['ARM'])
    expect(wrapper.text()).toContain('Armenia')
    await wrapper.find('[data-testid="c-search"]').setValue('geo')
    await wrapper.find('[data-testid="c-option-GEO"]').setValue(true)
    expect(wrapper.emitted('update')?.[0]).toEqual([['ARM', 'GEO']])
    await wrapper.find('[data-testid="c-search"]').setValue('usa')
    await wrapper.find('[data-testid="c-search"]').trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('update')?.[1]).toEqual([['ARM', 'USA']])
    await wrapper.find('[data-testid="c-remove-ARM"]').trigger('click')
    expect(wrapper.emitted('update')?.[2]).toEqual([[]])
  })
})
