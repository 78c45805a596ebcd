/** The four roles of PRODUCT.md §3. */
export const ROLES = ['admin', 'designer', 'reviewer', 'developer'] as const
export type Role = (typeof ROLES)[number]

/**
 * The role matrix, in one place. Every route names one permission (or is public), and the
 * route × role test walks this table.
 */
export const PERMISSIONS = {
  'flows:read': ['admin', 'designer', 'reviewer', 'developer'],
  'flows:write': ['admin', 'designer'],
  'flows:publish': ['admin', 'designer'],
  'sessions:launch': ['admin', 'designer', 'developer'],
  'sessions:read': ['admin', 'reviewer'],
  'sessions:decide': ['admin', 'reviewer'],
  'settings:manage': ['admin'],
  'users:manage': ['admin'],
  'audit:read': ['admin'],
  'keys:own': ['admin', 'designer', 'reviewer', 'developer'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

/** The permissions a role grants. */
export function permissionsOf(role: Role): Permission[] {
  return ALL_PERMISSIONS.filter((permission) =>
    (PERMISSIONS[permission] as readonly Role[]).includes(role),
  )
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role)
}
