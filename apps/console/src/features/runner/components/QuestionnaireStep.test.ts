import type { Answers, Step } from '@veriflow/schema'
import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { computed, defineComponent, h, ref } from 'vue'
import { provideRunnerContext } from '../composables/useRunnerContext.ts'
import { translator } from '../i18n/index.ts'
import type { StepActions } from '../lib/step-actions.ts'
import QuestionnaireStep from './QuestionnaireStep.vue'

const step = {
  id: 's_form',
  type: 'user-questionnaire',
  key: 'form',
  successButtonTitle: { en: 'Send answers' },
  questions: [
    {
      id: 'q_kind',
      type: 'options',
      key: 'kind',
      title: 'Who are you?',
      mandatory: true,
      options: [
        { id: 'o_person', key: 'person', title: 'A person' },
        { id: 'o_company', key: 'company', title: 'A company' },
      ],
    },
    {
      id: 'q_name',
      type: 'string',
      key: 'company_name',
      title: 'Company name',
      mandatory: true,
      showWhen: { all: [{ question: 'q_kind', op: 'equals', value: 'o_company' }] },
    },
  ],
} as unknown as Step

function mountStep(saveAnswers = vi.fn(async () => undefined)) {
  const answers = ref<Answers>({})
  const done = vi.fn()
  const Host = defineComponent({
    setup() {
      provideRunnerContext({
        mode: 'live',
        t: translator({}),
        language: ref('en'),
        defaultLanguage: computed(() => 'en'),
        actions: { saveAnswers } as unknown as StepActions,
        showHidden: ref(false),
        cameraFallback: computed(() => ({ kind: 'none' as const })),
        startHandoff: () => undefined,
      })
      return () =>
        h(QuestionnaireStep, {
          step,
          answers: answers.value,
          'onUpdate:answers': (value: Answers) => (answers.value = value),
          onDone: done,
        })
    },
  })
  return { wrapper: mount(Host, { attachTo: document.body }), saveAnswers, done, answers }
}

describe('QuestionnaireStep', () => {
  it('shows mandatory errors tied to their fields, and sends nothing', async () => {
    const { wrapper, saveAnswers } = mountStep()
    await wrapper.get('[data-testid="questionnaire-submit"]').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="questionnaire-errors"]').text()).toContain('1 problem')
    const group = wrapper.get('fieldset')
    const error = wrapper.get('[data-testid="question-error"]')
    expect(group.attributes('aria-describedby')).toBe(error.attributes('id'))
    expect(group.attributes('aria-invalid')).toBe('true')
    expect(saveAnswers).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('runs conditions live and sends only visible answers, with the step’s button title', async () => {
    const { wrapper, saveAnswers, done } = mountStep()
    expect(wrapper.find('[data-key="company_name"]').exists()).toBe(false)
    await wrapper.get('[data-testid="option-company"]').setValue(true)
    expect(wrapper.find('[data-key="company_name"]').exists()).toBe(true)
    await wrapper.get('[data-key="company_name"] input').setValue('ACME')
    await wrapper.get('[data-testid="option-person"]').setValue(true)
    expect(wrapper.find('[data-key="company_name"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="questionnaire-submit"]').text()).toBe('Send answers')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(saveAnswers).toHaveBeenCalledWith('s_form', { q_kind: 'o_person' })
    expect(done).toHaveBeenCalled()
    wrapper.unmount()
  })
})
