import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { conditionCandidates } from '../lib/condition-edits.ts'
import { sampleQuestions } from '../lib/test-flows.ts'
import ConditionBuilder from './ConditionBuilder.vue'

const questions = sampleQuestions()

function mountBuilder(index: number) {
  return mount(ConditionBuilder, {
    props: {
      condition: questions[index]!.showWhen,
      candidates: conditionCandidates(questions, index),
      fieldPath: `/steps/1/questions/${index}/showWhen`,
      language: 'en',
    },
  })
}

describe('ConditionBuilder', () => {
  it('offers only earlier questions', () => {
    const wrapper = mountBuilder(2)
    const options = wrapper
      .find('[data-testid="clause-question"]')
      .findAll('option')
      .map((o) => o.text())
    expect(options).toEqual(['employment — Employment', 'employer'])
    expect(mountBuilder(0).find('[data-testid="condition-add"]').exists()).toBe(false)
  })

  it('offers the options of a choice question as values, checkboxes for "in"', () => {
    const wrapper = mountBuilder(2)
    const clauses = wrapper.findAll('[data-testid="condition-clause"]')
    expect(clauses[0]!.find('[data-testid="clause-value-employed"]').exists()).toBe(true)
    expect(clauses[1]!.find('[data-testid="clause-value"]').exists()).toBe(false)
    const single = mountBuilder(1)
    const values = single.find('[data-testid="clause-value"]').findAll('option')
    expect(values.map((o) => o.attributes('value'))).toEqual(['o_employed', 'o_other'])
    expect(single.find('[data-testid="condition-sentence"]').text()).toBe(
      'Shown when Employment = Employed.',
    )
  })

  it('adds a clause on the nearest earlier question', async () => {
    const wrapper = mount(ConditionBuilder, {
      props: {
        condition: undefined,
        candidates: conditionCandidates(questions, 1),
        fieldPath: '/x',
        language: 'en',
      },
    })
    await wrapper.find('[data-testid="condition-add"]').trigger('click')
    expect(wrapper.emitted('update')?.[0]).toEqual([
      { all: [{ question: 'q_emp', op: 'equals', value: 'o_employed' }] },
    ])
  })

  it('switches all/any, changes operators and removes clauses', async () => {
    const wrapper = mountBuilder(2)
    await wrapper.find('[data-testid="condition-mode"]').setValue('all')
    expect(wrapper.emitted('update')?.[0]?.[0]).toEqual({ all: questions[2]!.showWhen!.any })
    await wrapper.findAll('[data-testid="clause-op"]')[0]!.setValue('answered')
    expect(wrapper.emitted('update')?.[1]?.[0]).toEqual({
      any: [
        { question: 'q_emp', op: 'answered' },
        { question: 'q_employer', op: 'answered' },
      ],
    })
    await wrapper.findAll('[data-testid="clause-remove"]')[1]!.trigger('click')
    expect(wrapper.emitted('update')?.[2]?.[0]).toEqual({ any: [questions[2]!.showWhen!.any![0]] })
  })
})
