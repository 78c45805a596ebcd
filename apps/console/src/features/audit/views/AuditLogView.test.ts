import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { AuditEntry } from '../audit.api.ts'
import * as auditApi from '../audit.api.ts'
import AuditLogView from './AuditLogView.vue'

vi.mock('../audit.api.ts', () => ({ listAudit: vi.fn() }))
const api = vi.mocked(auditApi)

const FLOW = '6b7f1c2e-1111-4222-8333-944455556666'
const ENTRY: AuditEntry = {
  id: '7',
  at: '2026-11-20T10:00:00.000Z',
  actor: { kind: 'user', id: 'u1', label: 'ana@example.test' },
  action: 'flow.published',
  target: { type: 'flow', id: FLOW },
  requestId: null,
  summary: { version: 2, note: '<b>not html</b>' },
}

const stub = { template: '<div />' }

function makeRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/audit', name: 'audit', component: AuditLogView },
      { path: '/flows/:id', name: 'designer', component: stub },
      { path: '/sessions/:id', name: 'session', component: stub },
      { path: '/users', name: 'users', component: stub },
      { path: '/settings', name: 'settings', component: stub },
    ],
  })
}

async function render(url: string) {
  const router = makeRouter()
  await router.push(url)
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [router] } })
  await flushPromises()
  return { wrapper, router }
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
  api.listAudit.mockResolvedValue({ items: [ENTRY] })
})

describe('AuditLogView: filters and the URL', () => {
  it('loads with the filters the URL names and shows them in the form', async () => {
    const { wrapper } = await render('/audit?action=flow.published&targetType=flow&from=2026-11-01')
    expect(api.listAudit).toHaveBeenCalledWith({
      action: 'flow.published',
      targetType: 'flow',
      from: new Date(2026, 10, 1).toISOString(),
      limit: 50,
    })
    expect(wrapper.get<HTMLInputElement>('[data-testid="audit-filter-action"]').element.value).toBe(
      'flow.published',
    )
    expect(
      wrapper.get<HTMLSelectElement>('[data-testid="audit-filter-target-type"]').element.value,
    ).toBe('flow')
  })

  it('writes applied filters to the URL, reloads, and goes back with Back', async () => {
    const { wrapper, router } = await render('/audit')
    await wrapper.get('[data-testid="audit-filter-actor"]').setValue('ana')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ actor: 'ana' })
    expect(api.listAudit).toHaveBeenLastCalledWith({ actor: 'ana', limit: 50 })
    await wrapper.get('[data-testid="audit-filter-target-type"]').setValue('session')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ actor: 'ana', targetType: 'session' })
    router.back()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ actor: 'ana' })
    expect(
      wrapper.get<HTMLSelectElement>('[data-testid="audit-filter-target-type"]').element.value,
    ).toBe('')
    expect(api.listAudit).toHaveBeenLastCalledWith({ actor: 'ana', limit: 50 })
  })

  it('links the entry to its flow, names the version and shows the summary as text', async () => {
    const { wrapper } = await render('/audit')
    expect(wrapper.get('[data-testid="audit-target-link"]').attributes('href')).toBe(
      `/flows/${FLOW}`,
    )
    expect(wrapper.get('[data-testid="audit-version"]').text()).toBe('version 2')
    const summary = wrapper.get('[data-testid="audit-summary"] pre')
    expect(summary.text()).toContain('"note": "<b>not html</b>"')
    expect(summary.find('b').exists()).toBe(false)
  })

  it('refuses a date range that ends before it starts', async () => {
    const { wrapper, router } = await render('/audit')
    await wrapper.get('[data-testid="audit-filter-from"]').setValue('2026-11-05')
    await flushPromises()
    await wrapper.get('[data-testid="audit-filter-to"]').setValue('2026-11-01')
    await flushPromises()
    expect(wrapper.get('[data-testid="audit-filter-range-error"]').text()).toMatch(
      /before the start/,
    )
    expect(router.currentRoute.value.query).toEqual({ from: '2026-11-05' })
  })
})
