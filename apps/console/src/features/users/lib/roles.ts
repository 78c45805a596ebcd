import type { Role } from '../../auth/auth.api.ts'

/** The four roles of the product (PRODUCT.md §3), with what each may do, for the role picker. */
export const ROLES: ReadonlyArray<{ role: Role; label: string; description: string }> = [
  {
    role: 'admin',
    label: 'Admin',
    description: 'Everything: flows, sessions and decisions, settings, users and the audit log.',
  },
  {
    role: 'designer',
    label: 'Designer',
    description: 'Builds, publishes and launches flows. Does not see sessions.',
  },
  {
    role: 'reviewer',
    label: 'Reviewer',
    description: 'Reads flows; reviews and decides sessions.',
  },
  {
    role: 'developer',
    label: 'Developer',
    description: 'Reads flows and launches sessions through the API.',
  },
]

export function roleLabel(role: string): string {
  return ROLES.find((entry) => entry.role === role)?.label ?? role
}

/** What each permission (an API key scope) lets a key do, in the product's words. */
export const PERMISSION_LABELS: Record<string, string> = {
  'flows:read': 'Read flows, versions and exports',
  'flows:write': 'Edit drafts and import flows',
  'flows:publish': 'Publish flow versions',
  'sessions:launch': 'Launch sessions',
  'sessions:read': 'Read sessions and their media',
  'sessions:decide': 'Decide sessions',
  'settings:manage': 'Manage provider settings and webhooks',
  'users:manage': 'Manage users',
  'audit:read': 'Read the audit log',
  'keys:own': 'Manage its owner’s API keys',
}

export function permissionLabel(permission: string): string {
  return PERMISSION_LABELS[permission] ?? permission
}
