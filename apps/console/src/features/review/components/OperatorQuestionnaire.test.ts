import type { Answers } from '@veriflow/schema'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import type { OperatorStep } from '../lib/operator-form.ts'
import * as api from '../review.api.ts'
import { useReviewStore } from '../review.store.ts'
import { sessionDetail, signedInAs } from '../test-support.ts'
import OperatorQuestionnaire from './OperatorQuestionnaire.vue'

vi.mock('../review.api.ts')

const STEP = {
  id: 's_ops',
  type: 'operator-questionnaire',
  key: 'checks',
  title: { en: 'Review checks', ka: 'შემოწმება' },
  questions: [
    {
      id: 'q_docs',
      type: 'options',
      key: 'docs',
      title: { en: 'Documents fine?', ka: 'დოკუმენტები კარგია?' },
      mandatory: true,
      options: [
        { id: 'o_yes', key: 'yes', title: 'Yes' },
        { id: 'o_no', key: 'no', title: 'No' },
      ],
    },
    {
      id: 'q_problem',
      type: 'string',
      key: 'problem',
      title: 'What is wrong?',
      mandatory: true,
      showWhen: { all: [{ question: 'q_docs', op: 'equals', value: 'o_no' }] },
    },
  ],
} as unknown as OperatorStep

const mounted: Array<{ unmount(): void }> = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  vi.resetAllMocks()
})
beforeEach(() => {
  signedInAs('reviewer')
  useReviewStore().detail = sessionDetail()
  vi.mocked(api.fetchSession).mockResolvedValue(sessionDetail())
})

async function render(props: { saved?: Answers; canEdit?: boolean; language?: string } = {}) {
  const wrapper = mount(OperatorQuestionnaire, {
    props: {
      step: STEP,
      saved: props.saved ?? {},
      canEdit: props.canEdit ?? true,
      language: props.language ?? 'en',
      defaultLanguage: 'en',
      lastSaved: null,
    },
    attachTo: document.body,
  })
  mounted.push(wrapper)
  await flushPromises()
  return wrapper
}

const question = (wrapper: Awaited<ReturnType<typeof render>>, key: string) =>
  wrapper.get(`[data-testid="operator-question"][data-key="${key}"]`)

describe('OperatorQuestionnaire', () => {
  it('enforces mandatory questions on their fields before saving', async () => {
    const wrapper = await render()
    expect(wrapper.get('[data-testid="operator-question-hidden"]').text()).toContain(
      'hidden because Documents fine? = No does not hold',
    )
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(question(wrapper, 'docs').get('[data-testid="operator-error"]').text()).toBe(
      'Answer this question.',
    )
    expect(document.activeElement).toBe(
      question(wrapper, 'docs').get('[data-testid="operator-option-yes"]').element,
    )
    expect(api.saveOperatorAnswers).not.toHaveBeenCalled()
  })

  it('shows a follow-up when its condition holds and drops its answer when it does not', async () => {
    vi.mocked(api.saveOperatorAnswers).mockResolvedValue({ s_ops: { q_docs: 'o_yes' } })
    const wrapper = await render()
    await question(wrapper, 'docs').get('[data-testid="operator-option-no"]').setValue(true)
    await question(wrapper, 'problem').get('textarea').setValue('Blurred')
    expect(wrapper.get('[data-testid="operator-save-state"]').text()).toBe('Unsaved changes')
    await question(wrapper, 'docs').get('[data-testid="operator-option-yes"]').setValue(true)
    expect(wrapper.find('[data-testid="operator-question"][data-key="problem"]').exists()).toBe(
      false,
    )
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.saveOperatorAnswers).toHaveBeenCalledWith('s-1', { s_ops: { q_docs: 'o_yes' } })
    expect(wrapper.get('[data-testid="operator-save-state"]').text()).toBe('Saved')
  })

  it('puts the API’s issues on their questions, and the rest above the button', async () => {
    vi.mocked(api.saveOperatorAnswers).mockRejectedValueOnce(
      new ApiError(400, 'VALIDATION_FAILED', 'invalid', [
        { code: 'ANSWER_INVALID', message: 'must be text', path: '/answers/s_ops/q_problem' },
      ]),
    )
    const wrapper = await render()
    await question(wrapper, 'docs').get('[data-testid="operator-option-no"]').setValue(true)
    await question(wrapper, 'problem').get('textarea').setValue('x')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(question(wrapper, 'problem').get('[data-testid="operator-error"]').text()).toBe(
      'Must be text.',
    )
    vi.mocked(api.saveOperatorAnswers).mockRejectedValueOnce(
      new ApiError(0, 'NETWORK_ERROR', 'cannot reach', []),
    )
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="operator-form-error"]').text()).toMatch(/Cannot reach/)
  })

  it('starts from the saved answers, in the reviewer’s language, read-only without the right', async () => {
    const wrapper = await render({
      saved: { q_docs: 'o_no', q_problem: 'Torn' },
      canEdit: false,
      language: 'ka',
    })
    expect(wrapper.text()).toContain('შემოწმება')
    expect(wrapper.text()).toContain('დოკუმენტები კარგია?')
    expect(
      (question(wrapper, 'problem').get('textarea').element as HTMLTextAreaElement).value,
    ).toBe('Torn')
    expect(question(wrapper, 'problem').get('textarea').attributes('readonly')).toBeDefined()
    expect(wrapper.find('[data-testid="operator-save"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="operator-read-only"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="operator-save-state"]').text()).toBe('Saved')
  })
})
