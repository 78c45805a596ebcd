import type { Permission, Role } from './permissions.ts'

/** Who is making a request, once authenticated. */
export interface Principal {
  kind: 'user' | 'api_key' | 'admin_token'
  /** The user (null for the ADMIN_TOKEN). */
  userId: string | null
  /** What the audit log and the UI call this actor. */
  label: string
  role: Role
  permissions: ReadonlySet<Permission>
  apiKeyId?: string
  /** Authenticated by the console's session cookie (mutations then need the CSRF token). */
  viaCookie: boolean
  csrfToken?: string
  sessionTokenHash?: string
}

/** The actor recorded with a change (services receive this, never an Express request). */
export interface Actor {
  kind: Principal['kind']
  id: string | null
  userId: string | null
  label: string
  requestId: string | null
}

export function actorOf(principal: Principal, requestId: string | null): Actor {
  return {
    kind: principal.kind,
    id: principal.apiKeyId ?? principal.userId,
    userId: principal.userId,
    label: principal.label,
    requestId,
  }
}

/** The actor for work nobody asked for (jobs, start-up). */
export const SYSTEM_ACTOR: Actor = {
  kind: 'admin_token',
  id: null,
  userId: null,
  label: 'system',
  requestId: null,
}
