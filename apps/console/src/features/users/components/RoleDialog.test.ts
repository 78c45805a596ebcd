import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import type { User } from '../users.api.ts'
import * as usersApi from '../users.api.ts'
import RoleDialog from './RoleDialog.vue'

vi.mock('../users.api.ts', () => ({
  listUsers: vi.fn(),
  createUser: vi.fn(),
  updateUser: vi.fn(),
  deactivateUser: vi.fn(),
  reinviteUser: vi.fn(),
}))
const api = vi.mocked(usersApi)

const ADMIN: User = {
  id: 'u1',
  email: 'admin@example.test',
  name: 'Ada',
  role: 'admin',
  status: 'active',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  deactivatedAt: null,
}

function render(self: boolean) {
  return mount(RoleDialog, {
    props: { user: ADMIN, self },
    attachTo: document.body,
  })
}

beforeEach(() => {
  setActivePinia(createPinia())
  vi.resetAllMocks()
  document.body.innerHTML = ''
})

describe('RoleDialog', () => {
  it('warns admins who demote themselves and shows the last-admin refusal in words', async () => {
    api.updateUser.mockRejectedValue(
      new ApiError(
        409,
        'LAST_ADMIN',
        'this is the last active admin; make another user admin first',
        [
          {
            code: 'LAST_ADMIN',
            message: 'this is the last active admin; make another user admin first',
          },
        ],
      ),
    )
    const wrapper = render(true)
    await flushPromises()
    const body = () => document.body
    body().querySelector<HTMLInputElement>('[data-testid="user-role-designer"]')!.click()
    await flushPromises()
    expect(body().querySelector('[data-testid="user-role-self-warning"]')?.textContent).toContain(
      'you will lose access',
    )
    body().querySelector<HTMLButtonElement>('[data-testid="user-role-save"]')!.click()
    await flushPromises()
    expect(api.updateUser).toHaveBeenCalledWith('u1', { role: 'designer' })
    const refusal = body().querySelector('[data-testid="user-role-refusal"]')
    expect(refusal?.getAttribute('role')).toBe('alert')
    expect(refusal?.textContent).toContain('Veriflow needs at least one active admin')
    expect(wrapper.emitted('changed')).toBeUndefined()
    wrapper.unmount()
  })

  it('reports the changed user', async () => {
    api.updateUser.mockResolvedValue({ ...ADMIN, role: 'reviewer' })
    const wrapper = render(false)
    await flushPromises()
    document.body.querySelector<HTMLInputElement>('[data-testid="user-role-reviewer"]')!.click()
    await flushPromises()
    document.body.querySelector<HTMLButtonElement>('[data-testid="user-role-save"]')!.click()
    await flushPromises()
    expect(wrapper.emitted('changed')?.[0]).toEqual([{ ...ADMIN, role: 'reviewer' }])
    expect(document.body.querySelector('[data-testid="user-role-self-warning"]')).toBeNull()
    wrapper.unmount()
  })
})
