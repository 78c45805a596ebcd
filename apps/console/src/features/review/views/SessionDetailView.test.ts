import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '../../../app/http.ts'
import * as api from '../review.api.ts'
import { sessionDetail, signedInAs } from '../test-support.ts'
import SessionDetailView from './SessionDetailView.vue'

vi.mock('../review.api.ts')

const Blank = { template: '<div />' }

async function render(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sessions', name: 'sessions', component: Blank },
      { path: '/sessions/:id', name: 'session', component: SessionDetailView },
      { path: '/flows/:id', name: 'designer', component: Blank },
    ],
  })
  await router.push(path)
  const wrapper = mount(
    { template: '<RouterView />' },
    { global: { plugins: [router] }, attachTo: document.body },
  )
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, router }
}

const mounted: Array<{ unmount(): void }> = []
beforeEach(() => {
  signedInAs('reviewer')
  vi.mocked(api.fetchReviewSettings).mockResolvedValue({
    fourEyes: false,
    reasonTemplates: { approved: [], rejected: [], resubmission_requested: [] },
  })
  vi.mocked(api.fetchFlowSteps).mockResolvedValue([])
  vi.mocked(api.listSessions).mockResolvedValue({ items: [] })
})
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  vi.resetAllMocks()
})

const failWith = (status: number, code: string) =>
  vi.mocked(api.fetchSession).mockRejectedValue(new ApiError(status, code, code, []))

describe('SessionDetailView', () => {
  it('shows a loading state until the session arrives', async () => {
    vi.mocked(api.fetchSession).mockReturnValue(new Promise(() => {}))
    const { wrapper } = await render('/sessions/s-1')
    expect(wrapper.find('[data-testid="session-loading"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="queue-next"]').exists()).toBe(false)
  })

  it('says when a session does not exist, linking back to the list with its filter', async () => {
    failWith(404, 'SESSION_NOT_FOUND')
    const { wrapper } = await render('/sessions/nope?status=completed&decision=none')
    expect(wrapper.get('[data-testid="session-not-found"]').text()).toContain('Session not found')
    expect(wrapper.get('[data-testid="not-found-back"]').attributes('href')).toBe(
      '/sessions?status=completed&decision=none',
    )
  })

  it('says when the role may not read sessions, without a pointless retry', async () => {
    failWith(403, 'FORBIDDEN')
    const { wrapper } = await render('/sessions/s-1')
    expect(wrapper.get('[data-testid="session-forbidden"]').text()).toContain(
      'You cannot open sessions',
    )
    expect(wrapper.find('[data-testid="session-forbidden-retry"]').exists()).toBe(false)
  })

  it('offers to try again after a failure, and shows the session once it works', async () => {
    failWith(500, 'INTERNAL')
    const { wrapper } = await render('/sessions/s-1')
    expect(wrapper.get('[data-testid="session-error-state"]').text()).toContain(
      'Something went wrong on the server',
    )
    vi.mocked(api.fetchSession).mockResolvedValue(sessionDetail())
    await wrapper.get('[data-testid="session-error-state-retry"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="session-title"]').text()).toContain('seller-42')
  })

  it('looks for the neighbours in the list filter of the URL, and j opens the next', async () => {
    vi.mocked(api.fetchSession).mockImplementation(async (id) =>
      sessionDetail({ id, externalUserId: `user-${id}` }),
    )
    vi.mocked(api.listSessions).mockImplementation(async (filter) =>
      filter.to
        ? {
            items: [
              { id: 's-1', createdAt: '2026-03-05T10:00:00.000Z', externalUserId: 'user-s-1' },
              { id: 's-0', createdAt: '2026-03-05T09:00:00.000Z', externalUserId: 'user-s-0' },
            ],
          }
        : { items: [{ id: 's-1', createdAt: '2026-03-05T10:00:00.000Z', externalUserId: 'x' }] },
    )
    const { wrapper, router } = await render('/sessions/s-1?status=completed')
    expect(vi.mocked(api.listSessions).mock.calls.every(([f]) => f.status === 'completed')).toBe(
      true,
    )
    expect(wrapper.get('[data-testid="queue-previous"]').attributes('disabled')).toBeDefined()
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }))
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/sessions/s-0?status=completed')
    expect(wrapper.get('[data-testid="session-title"]').text()).toContain('user-s-0')
  })
})
