import { mount } from '@vue/test-utils'
import { beforeAll, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { FlowSummary } from '../flows.api.ts'
import FlowsTable from './FlowsTable.vue'

const router = createRouter({
  history: createMemoryHistory(),
  routes: [
    { path: '/flows', name: 'flows', component: { template: '<div />' } },
    { path: '/flows/:id', name: 'designer', component: { template: '<div />' } },
  ],
})

const flows: FlowSummary[] = [
  {
    id: 'f1',
    name: 'KYC Lite',
    revision: 3,
    latestVersion: 2,
    archived: false,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    stepCount: 1,
  },
  {
    id: 'f2',
    name: 'Old onboarding',
    revision: 1,
    latestVersion: null,
    archived: true,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    stepCount: 4,
  },
]

beforeAll(async () => {
  await router.push('/flows')
})

function render(canWrite: boolean) {
  return mount(FlowsTable, {
    props: { flows, canWrite, busyId: null, highlightId: null },
    global: { plugins: [router] },
  })
}

describe('FlowsTable', () => {
  it('shows name, status and steps, and links each row to the designer', () => {
    const wrapper = render(true)
    const rows = wrapper.findAll('[data-testid="flow-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.text()).toContain('Published v2')
    expect(rows[0]!.text()).toContain('1 step')
    expect(rows[1]!.text()).toContain('Archived')
    expect(rows[0]!.get('[data-testid="flow-link"]').attributes('href')).toBe('/flows/f1')
  })

  it('offers duplicate and archive (or restore) to those who may edit', async () => {
    const wrapper = render(true)
    expect(wrapper.findAll('[data-testid="flow-duplicate"]')).toHaveLength(2)
    expect(wrapper.findAll('[data-testid="flow-archive"]')).toHaveLength(1)
    await wrapper.get('[data-testid="flow-unarchive"]').trigger('click')
    expect(wrapper.emitted('unarchive')?.[0]?.[0]).toMatchObject({ id: 'f2' })
  })

  it('shows a reviewer no edit controls, only the way in', () => {
    const wrapper = render(false)
    for (const testid of ['flow-duplicate', 'flow-archive', 'flow-unarchive'])
      expect(wrapper.find(`[data-testid="${testid}"]`).exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="flow-open"]')).toHaveLength(2)
  })
})
