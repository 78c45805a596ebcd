import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import type { ProviderSettings } from '../providers.api.ts'
import * as providersApi from '../providers.api.ts'
import { useProvidersStore } from '../providers.store.ts'
import ProviderCard from './ProviderCard.vue'

vi.mock('../providers.api.ts', () => ({
  listProviderSettings: vi.fn(),
  updateProviderSettings: vi.fn(),
  testProviderConnection: vi.fn(),
}))
const api = vi.mocked(providersApi)

function identomat(extra: Partial<ProviderSettings> = {}): ProviderSettings {
  return {
    provider: 'identomat',
    label: 'Identomat',
    baseUrl: 'https://widget.identomat.com',
    defaultBaseUrl: 'https://widget.identomat.com',
    baseUrlIsDefault: true,
    options: {},
    effectiveOptions: {},
    credentials: { company_key: { set: false }, secret_key: { set: true } },
    credentialFields: [
      { name: 'company_key', required: true, description: 'The company key.' },
      { name: 'secret_key', required: false, description: 'The HMAC secret.' },
    ],
    ready: false,
    missing: ['credentials.company_key'],
    notes: ['Only "approved" and "rejected" are documented.'],
    updatedAt: null,
    updatedBy: null,
    ...extra,
  }
}

async function render(settings = identomat()) {
  const store = useProvidersStore()
  store.items = [settings]
  const wrapper = mount({
    components: { ProviderCard },
    template: '<ProviderCard :settings="store.items[0]" />',
    setup: () => ({ store }),
  })
  await flushPromises()
  return wrapper
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
})

describe('ProviderCard', () => {
  it('shows what is missing and what is undocumented, and cannot save before a change', async () => {
    const wrapper = await render()
    expect(wrapper.get('[data-testid="provider-identomat-ready"]').text()).toBe(
      'Missing: company_key',
    )
    expect(wrapper.get('[data-testid="provider-identomat-notes"]').text()).toContain(
      'Only "approved" and "rejected" are documented.',
    )
    expect(
      wrapper.get('[data-testid="provider-identomat-save"]').attributes('disabled'),
    ).toBeDefined()
  })

  it('sends only the typed credential and forgets it once saved', async () => {
    api.updateProviderSettings.mockResolvedValue(
      identomat({
        credentials: { company_key: { set: true }, secret_key: { set: true } },
        ready: true,
        missing: [],
      }),
    )
    const wrapper = await render()
    const input = '[data-testid="provider-identomat-credential-company_key-input"]'
    await wrapper.get(input).setValue('ck-123')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.updateProviderSettings).toHaveBeenCalledWith('identomat', {
      credentials: { company_key: 'ck-123' },
    })
    expect(wrapper.get<HTMLInputElement>(input).element.value).toBe('')
    expect(
      wrapper.get('[data-testid="provider-identomat-credential-company_key-state"]').text(),
    ).toBe('Set')
    expect(wrapper.html()).not.toContain('ck-123')
  })

  it('puts the API’s issues on the fields their paths name', async () => {
    api.updateProviderSettings.mockRejectedValue(
      new ApiError(400, 'URL_INVALID', 'x', [
        {
          code: 'URL_INVALID',
          message: 'the base URL must use https (plain http is allowed for localhost only)',
          path: '/baseUrl',
        },
      ]),
    )
    const wrapper = await render()
    await wrapper.get('[data-testid="provider-identomat-base-url"]').setValue('http://example.com')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="provider-identomat-base-url-error"]').text()).toBe(
      'The base URL must use https (plain http is allowed for localhost only).',
    )
    expect(wrapper.find('[data-testid="provider-identomat-problem"]').exists()).toBe(false)
  })

  it('checks that the base URL is absolute before asking the API', async () => {
    const wrapper = await render()
    await wrapper.get('[data-testid="provider-identomat-base-url"]').setValue('widget.example')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.updateProviderSettings).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="provider-identomat-base-url-error"]').text()).toBe(
      'The base URL is not an absolute URL.',
    )
  })

  it('shows a failed connection test with the provider’s message', async () => {
    api.testProviderConnection.mockResolvedValue({
      ok: false,
      status: null,
      message: 'identomat: cannot reach http://localhost:9 (ECONNREFUSED)',
    })
    const wrapper = await render()
    await wrapper.get('[data-testid="provider-identomat-test"]').trigger('click')
    await flushPromises()
    const result = wrapper.get('[data-testid="provider-identomat-test-result"]')
    expect(result.attributes('aria-live')).toBe('polite')
    expect(result.text()).toContain('The connection failed.')
    expect(result.text()).toContain('ECONNREFUSED')
  })
})
