import type { ColumnType, Generated, JSONColumnType } from 'kysely'
import type { CallbackTables } from './callback-tables.ts'
import type { ReviewTables } from './review-tables.ts'
import type { SessionTables } from './session-tables.ts'

/** A timestamp column: read as Date, written as Date or ISO string, defaulted by the database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>

export interface UsersTable {
  id: Generated<string>
  email: string
  name: string
  role: string
  password_hash: string | null
  active: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
  deactivated_at: NullableTimestamp
}

export interface AuthSessionsTable {
  token_hash: string
  user_id: string
  csrf_token: string
  created_at: Timestamp
  expires_at: Timestamp
  last_seen_at: Timestamp
}

export interface ApiKeysTable {
  id: Generated<string>
  user_id: string
  name: string
  prefix: string
  secret_hash: string
  scopes: JSONColumnType<string[], string, string>
  created_at: Timestamp
  last_used_at: NullableTimestamp
  revoked_at: NullableTimestamp
}

export interface OneTimeTokensTable {
  token_hash: string
  purpose: 'setup' | 'invite'
  user_id: string | null
  created_at: Timestamp
  expires_at: Timestamp
  used_at: NullableTimestamp
}

export interface LoginFailuresTable {
  key: string
  failures: number
  first_failed_at: Timestamp
  locked_until: NullableTimestamp
}

export interface FlowsTable {
  id: Generated<string>
  name: string
  draft: JSONColumnType<Record<string, unknown>, string, string>
  revision: Generated<number>
  latest_version: number | null
  archived_at: NullableTimestamp
  created_at: Timestamp
  created_by: string | null
  created_by_label: string | null
  updated_at: Timestamp
  updated_by: string | null
  updated_by_label: string | null
}

export interface FlowVersionsTable {
  flow_id: string
  version: number
  document: JSONColumnType<Record<string, unknown>, string, never>
  note: string
  content_hash: string
  published_at: Timestamp
  published_by: string | null
  published_by_label: string
}

export interface AuditLogTable {
  id: Generated<string>
  at: Timestamp
  actor_kind: string
  actor_id: string | null
  actor_label: string
  action: string
  target_type: string
  target_id: string | null
  request_id: string | null
  summary: JSONColumnType<Record<string, unknown>, string, never>
}

export interface RateLimitsTable {
  key: string
  hits: number
  reset_at: Timestamp
}

/** Every table, as Kysely sees them. */
export interface DB extends SessionTables, CallbackTables, ReviewTables {
  users: UsersTable
  auth_sessions: AuthSessionsTable
  api_keys: ApiKeysTable
  one_time_tokens: OneTimeTokensTable
  login_failures: LoginFailuresTable
  flows: FlowsTable
  flow_versions: FlowVersionsTable
  audit_log: AuditLogTable
  rate_limits: RateLimitsTable
}

/** Serialises a value for a jsonb column (drivers turn JS arrays into SQL arrays otherwise). */
export function json(value: unknown): string {
  return JSON.stringify(value)
}
