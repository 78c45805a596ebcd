import type { RouteLocationRaw } from 'vue-router'
import type { AuditEntry } from '../audit.api.ts'

/** The kinds of targets the API audits, with the words the log shows. */
export const TARGET_TYPES: ReadonlyArray<{ type: string; label: string }> = [
  { type: 'flow', label: 'Flow' },
  { type: 'session', label: 'Session' },
  { type: 'user', label: 'User' },
  { type: 'api_key', label: 'API key' },
  { type: 'webhook', label: 'Webhook' },
  { type: 'provider_settings', label: 'Provider settings' },
  { type: 'app_settings', label: 'Review settings' },
]

/** Actions the API records (a suggestion list; the filter takes any action name). */
export const KNOWN_ACTIONS = [
  'api_key.created',
  'api_key.revoked',
  'app_settings.updated',
  'auth.login',
  'auth.logout',
  'flow.archived',
  'flow.created',
  'flow.imported',
  'flow.published',
  'flow.unarchived',
  'flow.updated',
  'flow.version_restored',
  'provider_settings.tested',
  'provider_settings.updated',
  'session.decided',
  'session.decision_confirmed',
  'session.decision_proposed',
  'session.launched',
  'session.operator_answers_saved',
  'session.provider_done',
  'setup.completed',
  'user.created',
  'user.deactivated',
  'user.invite_accepted',
  'user.invited',
  'user.updated',
  'webhook.created',
  'webhook.deleted',
  'webhook.delivery_retried',
  'webhook.secret_rotated',
  'webhook.test_sent',
  'webhook.updated',
] as const

export function targetLabel(type: string): string {
  return TARGET_TYPES.find((entry) => entry.type === type)?.label ?? type
}

/** The flow version an entry is about, when its summary says (publish, restore). */
export function flowVersionOf(entry: AuditEntry): number | null {
  const version = entry.summary.version
  return entry.target.type === 'flow' && typeof version === 'number' ? version : null
}

/**
 * Where an entry's target lives in the console, or null when it has no page (an API key
 * belongs to its owner's own list; a deleted webhook is gone). The designer opens a flow's
 * draft; it takes no version in its URL, so a version is shown next to the link instead.
 */
export function targetLink(entry: AuditEntry): RouteLocationRaw | null {
  const { type, id } = entry.target
  if (type === 'flow' && id) return { name: 'designer', params: { id } }
  if (type === 'session' && id) return { name: 'session', params: { id } }
  if (type === 'user') return { name: 'users' }
  if (type === 'provider_settings') return { name: 'settings' }
  if (type === 'webhook' && entry.action !== 'webhook.deleted')
    return { name: 'settings', query: { tab: 'webhooks' } }
  if (type === 'app_settings') return { name: 'settings', query: { tab: 'review' } }
  return null
}

/** A short description of the target for the table ("Flow 3f2a…", "User ana@example.test"). */
export function targetText(entry: AuditEntry): string {
  const { type, id } = entry.target
  const label = targetLabel(type)
  const email = typeof entry.summary.email === 'string' ? entry.summary.email : null
  if (type === 'user' && email) return `${label} ${email}`
  if (type === 'webhook' && typeof entry.summary.url === 'string')
    return `${label} ${entry.summary.url}`
  if (type === 'api_key' && typeof entry.summary.name === 'string')
    return `${label} “${entry.summary.name}”`
  if (!id) return label
  return `${label} ${id.length > 12 ? `${id.slice(0, 8)}…` : id}`
}

const entryTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
})

/** "20 Nov 2026, 10:00:05 UTC": an audit entry's time, to the second, in one zone for everyone. */
export function entryTimeText(iso: string): string {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? iso : `${entryTime.format(time)} UTC`
}
