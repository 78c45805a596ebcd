import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import type { CredentialDraft } from '../lib/provider-form.ts'
import CredentialInput from './CredentialInput.vue'

const FIELD = { name: 'pass_key', required: true, description: 'pass-key issued by IAB.' }

/** Mounts the field with a real v-model, so the test sees what the parent would keep. */
function render(set: boolean, error?: string) {
  const draft = ref<CredentialDraft>({ value: '', clear: false })
  const wrapper = mount(
    defineComponent({
      setup: () => () =>
        h(CredentialInput, {
          field: FIELD,
          set,
          error,
          testid: 'cred',
          modelValue: draft.value,
          'onUpdate:modelValue': (next: CredentialDraft) => (draft.value = next),
        }),
    }),
  )
  return { wrapper, draft }
}

describe('CredentialInput (write-only)', () => {
  it('shows only whether a value is set, with an empty password input', () => {
    const { wrapper } = render(true)
    const input = wrapper.get<HTMLInputElement>('[data-testid="cred-input"]')
    expect(input.element.value).toBe('')
    expect(input.attributes('type')).toBe('password')
    expect(input.attributes('autocomplete')).toBe('new-password')
    expect(wrapper.get('[data-testid="cred-state"]').text()).toBe('Set')
    expect(wrapper.text()).toContain('pass-key issued by IAB.')
    expect(render(false).wrapper.get('[data-testid="cred-state"]').text()).toBe('Not set')
  })

  it('says a typed value will replace the stored one', async () => {
    const { wrapper, draft } = render(true)
    await wrapper.get('[data-testid="cred-input"]').setValue('new-secret')
    expect(draft.value).toEqual({ value: 'new-secret', clear: false })
    expect(wrapper.get('[data-testid="cred-state"]').text()).toBe('Will be replaced')
  })

  it('marks a set value to be cleared, and keeps it again on request', async () => {
    const { wrapper, draft } = render(true)
    await wrapper.get('[data-testid="cred-clear"]').trigger('click')
    expect(draft.value).toEqual({ value: '', clear: true })
    expect(wrapper.get('[data-testid="cred-state"]').text()).toBe('Will be cleared')
    expect(wrapper.get('[data-testid="cred-input"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="cred-keep"]').trigger('click')
    expect(draft.value.clear).toBe(false)
    expect(wrapper.get('[data-testid="cred-state"]').text()).toBe('Set')
  })

  it('offers no "clear" for a value that is not set, and shows an API error on the field', () => {
    const { wrapper } = render(false, 'Pass key is too long.')
    expect(wrapper.find('[data-testid="cred-clear"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="cred-error"]').text()).toBe('Pass key is too long.')
    expect(wrapper.get('[data-testid="cred-input"]').attributes('aria-invalid')).toBe('true')
  })
})
