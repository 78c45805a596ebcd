import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { sampleFlow } from '../lib/test-flows.ts'
import StepCanvas from './StepCanvas.vue'

function mountCanvas(readOnly = false) {
  return mount(StepCanvas, {
    props: {
      steps: sampleFlow().steps,
      selectedId: 's_q',
      counts: new Map([[1, { errors: 2, warnings: 1 }]]),
      language: 'en',
      readOnly,
    },
    attachTo: document.body,
  })
}

describe('StepCanvas', () => {
  it('shows each step with its key, summary and issue badges', () => {
    const wrapper = mountCanvas()
    const cards = wrapper.findAll('[data-testid="step-card"]')
    expect(cards.map((c) => c.attributes('data-key'))).toEqual([
      'identity-document',
      'source_of_funds',
      'liveness',
    ])
    expect(cards[1]!.find('[data-testid="step-card-errors"]').text()).toContain('2')
    expect(cards[1]!.find('[data-testid="step-card-summary"]').text()).toBe(
      '3 questions · 2 conditional',
    )
    expect(cards[1]!.attributes('aria-current')).toBe('true')
    wrapper.unmount()
  })

  it('reorders with Alt+arrows and deletes with Delete', async () => {
    const wrapper = mountCanvas()
    const cards = wrapper.findAll('[data-testid="step-card"]')
    await cards[0]!.trigger('keydown', { key: 'ArrowDown', altKey: true })
    await cards[2]!.trigger('keydown', { key: 'ArrowUp', altKey: true })
    await cards[0]!.trigger('keydown', { key: 'ArrowUp', altKey: true })
    await cards[2]!.trigger('keydown', { key: 'Delete' })
    await cards[1]!.trigger('keydown', { key: 'Enter' })
    expect(wrapper.emitted('move')).toEqual([
      [0, 1],
      [2, 1],
    ])
    expect(wrapper.emitted('remove')).toEqual([['s_live']])
    expect(wrapper.emitted('select')).toEqual([['s_q']])
    wrapper.unmount()
  })

  it('has no edit controls when read-only', async () => {
    const wrapper = mountCanvas(true)
    expect(wrapper.find('[data-testid="step-delete"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="step-duplicate"]').exists()).toBe(false)
    await wrapper.findAll('[data-testid="step-card"]')[0]!.trigger('keydown', {
      key: 'ArrowDown',
      altKey: true,
    })
    expect(wrapper.emitted('move')).toBeUndefined()
    wrapper.unmount()
  })

  it('duplicates and deletes from the card buttons', async () => {
    const wrapper = mountCanvas()
    await wrapper.findAll('[data-testid="step-duplicate"]')[2]!.trigger('click')
    await wrapper.findAll('[data-testid="step-delete"]')[0]!.trigger('click')
    expect(wrapper.emitted('duplicate')).toEqual([['s_live']])
    expect(wrapper.emitted('remove')).toEqual([['s_doc']])
    expect(wrapper.emitted('select')).toBeUndefined()
    wrapper.unmount()
  })
})
