import { isQuestionnaireStep, type QuestionnaireStep } from '@veriflow/schema'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as api from '../designer.api.ts'
import { useDesignerStore } from '../designer.store.ts'
import { sampleFlow } from '../lib/test-flows.ts'
import { EDITOR, detailOf, signedInAs } from '../test-support.ts'
import QuestionnaireEditor from './QuestionnaireEditor.vue'

vi.mock('../designer.api.ts')

const questionnaire = (store: ReturnType<typeof useDesignerStore>) =>
  store.doc?.steps.find((s) => s.id === 's_q') as QuestionnaireStep

async function setUp() {
  signedInAs(EDITOR)
  vi.mocked(api.fetchFlow).mockResolvedValue(detailOf(sampleFlow()))
  const store = useDesignerStore()
  await store.open('f1')
  store.select('s_q')
  const wrapper = mount(QuestionnaireEditor, {
    props: { step: questionnaire(store), stepIndex: 1 },
    attachTo: document.body,
  })
  // Keep the prop in step with the store, as the inspector does.
  store.$subscribe(() => void wrapper.setProps({ step: questionnaire(store) }))
  return { store, wrapper }
}

const body = () => document.body

beforeEach(() => {
  document.body.innerHTML = ''
})
afterEach(() => vi.resetAllMocks())

describe('QuestionnaireEditor', () => {
  it('asks before deleting a question others depend on, listing them', async () => {
    const { store, wrapper } = await setUp()
    await wrapper.findAll('[data-testid="question-delete"]')[0]!.trigger('click')
    await flushPromises()
    const list = body().querySelector('[data-testid="delete-dependents-list"]')
    expect(list?.textContent).toContain('employer')
    expect(list?.textContent).toContain('Employment = Employed')
    expect(list?.textContent).toContain('income')
    ;(body().querySelector('[data-testid="delete-dependents-accept"]') as HTMLElement).click()
    await flushPromises()
    const questions = questionnaire(store).questions
    expect(questions.map((q) => q.key)).toEqual(['employer', 'income'])
    expect(questions[0]!.showWhen).toBeUndefined()
    store.undo()
    expect(questionnaire(store).questions).toHaveLength(3)
    wrapper.unmount()
  })

  it('deletes a question nobody depends on without asking', async () => {
    const { store, wrapper } = await setUp()
    await wrapper.findAll('[data-testid="question-delete"]')[2]!.trigger('click')
    expect(body().querySelector('[data-testid="delete-dependents-list"]')).toBeNull()
    expect(questionnaire(store).questions).toHaveLength(2)
    wrapper.unmount()
  })

  it('keeps the condition when the referenced key is renamed', async () => {
    const { store, wrapper } = await setUp()
    await wrapper.findAll('[data-testid="question-toggle"]')[0]!.trigger('click')
    await wrapper.find('[data-testid="question-key-input"]').setValue('work_status')
    await wrapper.findAll('[data-testid="question-toggle"]')[1]!.trigger('click')
    const sentence = wrapper.find('[data-testid="condition-sentence"]').text()
    expect(sentence).toBe('Shown when Employment = Employed.')
    const options = wrapper.find('[data-testid="clause-question"]').findAll('option')
    expect(options[0]!.text()).toBe('work_status — Employment')
    expect(isQuestionnaireStep(store.selectedStep!)).toBe(true)
    wrapper.unmount()
  })

  it('adds questions of each type after the open one', async () => {
    const { store, wrapper } = await setUp()
    await wrapper.find('[data-testid="question-add-options"]').trigger('click')
    const added = questionnaire(store).questions.at(-1)!
    expect(added.type).toBe('options')
    expect(store.selectedQuestionId).toBe(added.id)
    wrapper.unmount()
  })
})
