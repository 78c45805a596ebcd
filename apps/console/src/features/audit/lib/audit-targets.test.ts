import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../audit.api.ts'
import { flowVersionOf, targetLink, targetText } from './audit-targets.ts'

function entry(
  action: string,
  type: string,
  id: string | null,
  summary: Record<string, unknown> = {},
): AuditEntry {
  return {
    id: '1',
    at: '2026-11-20T10:00:00.000Z',
    actor: { kind: 'user', id: 'u1', label: 'ana@example.test' },
    action,
    target: { type, id },
    requestId: null,
    summary,
  }
}

const FLOW = '6b7f1c2e-1111-4222-8333-944455556666'

describe('audit targets', () => {
  it('links flows to the designer, sessions to their page and users to the users list', () => {
    expect(targetLink(entry('flow.published', 'flow', FLOW, { version: 3 }))).toEqual({
      name: 'designer',
      params: { id: FLOW },
    })
    expect(targetLink(entry('session.decided', 'session', 's1'))).toEqual({
      name: 'session',
      params: { id: 's1' },
    })
    expect(targetLink(entry('user.created', 'user', 'u2'))).toEqual({ name: 'users' })
    expect(targetLink(entry('webhook.updated', 'webhook', 'w1'))).toEqual({
      name: 'settings',
      query: { tab: 'webhooks' },
    })
  })

  it('does not link what has no page', () => {
    expect(targetLink(entry('api_key.created', 'api_key', 'k1'))).toBeNull()
    expect(targetLink(entry('webhook.deleted', 'webhook', 'w1'))).toBeNull()
    expect(targetLink(entry('flow.created', 'flow', null))).toBeNull()
  })

  it('names the flow version and describes targets in words', () => {
    expect(flowVersionOf(entry('flow.published', 'flow', FLOW, { version: 3 }))).toBe(3)
    expect(flowVersionOf(entry('flow.updated', 'flow', FLOW))).toBeNull()
    expect(targetText(entry('flow.published', 'flow', FLOW))).toBe('Flow 6b7f1c2e…')
    expect(targetText(entry('user.created', 'user', 'u2', { email: 'bo@example.test' }))).toBe(
      'User bo@example.test',
    )
    expect(targetText(entry('api_key.created', 'api_key', 'k1', { name: 'CI' }))).toBe(
      'API key “CI”',
    )
    expect(targetText(entry('app_settings.updated', 'app_settings', null))).toBe('Review settings')
  })
})
