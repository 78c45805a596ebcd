import type { Flow } from '@veriflow/schema'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from '../auth/auth.store.ts'
import type { FlowDetail } from './designer.api.ts'

/** A fresh Pinia whose signed-in user has `permissions`. */
export function signedInAs(permissions: string[]): void {
  setActivePinia(createPinia())
  const auth = useAuthStore()
  auth.me = {
    user: { id: 'u1', email: 'pm@example.com', name: 'PM', role: 'designer' },
    permissions,
  }
  auth.loaded = true
}

export const EDITOR = ['flows:read', 'flows:write', 'flows:publish']
export const REVIEWER = ['flows:read']

/** What `GET /flows/:id` answers for `draft`. */
export function detailOf(draft: Flow, revision = 1, id = 'f1'): FlowDetail {
  return {
    id,
    name: draft.name,
    revision,
    latestVersion: null,
    archived: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'pm@example.com',
    draft: draft as unknown as Record<string, unknown>,
    issues: [],
  }
}
