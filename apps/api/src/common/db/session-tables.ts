import type { ColumnType, Generated, JSONColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>
type Json<T extends object | null> = JSONColumnType<T, string, string>
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>

export type SessionStatus =
  | 'created'
  | 'started'
  | 'submitted'
  | 'processing'
  | 'completed'
  | 'expired'
  | 'abandoned'
  | 'error'
export type SessionOutcome = 'passed' | 'failed' | 'review_needed'
export type SessionDecision = 'approved' | 'rejected' | 'resubmission_requested'

export interface ProviderSettingsTable {
  provider: 'identomat' | 'iab' | 'trustmatic'
  base_url: string | null
  options: Json<Record<string, unknown>>
  credentials_sealed: string | null
  updated_at: Timestamp
  updated_by_label: string
}

export interface AppSettingsTable {
  key: string
  value: ColumnType<unknown, string, string>
  updated_at: Timestamp
}

export interface SessionsTable {
  id: string
  flow_id: string
  flow_version: number | null
  draft_document: NullableJson<Record<string, unknown>>
  target: 'identomat' | 'iab' | 'trustmatic' | 'sandbox'
  is_test: Generated<boolean>
  status: ColumnType<SessionStatus, SessionStatus | undefined, SessionStatus>
  outcome: SessionOutcome | null
  decision: SessionDecision | null
  decision_reason: string | null
  decided_by: string | null
  decided_by_label: string | null
  decided_at: NullableTimestamp
  pending_decision: NullableJson<Record<string, unknown>>
  external_user_id: string
  user_details: ColumnType<Record<string, unknown>, string | undefined, string>
  language: string | null
  return_url: string | null
  launch_origin: string | null
  launch_url: string | null
  provider_ref: string | null
  provider_state: ColumnType<Record<string, unknown>, string | undefined, string>
  runner_token_hash: string | null
  runner_claim_hash: string | null
  runner_state: ColumnType<Record<string, unknown>, string | undefined, string>
  answers: ColumnType<Record<string, unknown>, string | undefined, string>
  operator_answers: NullableJson<Record<string, unknown>>
  result: NullableJson<Record<string, unknown>>
  raw_result: NullableJson<unknown>
  error_code: string | null
  error_message: string | null
  created_by: string | null
  created_by_label: Generated<string>
  created_at: Timestamp
  started_at: NullableTimestamp
  submitted_at: NullableTimestamp
  completed_at: NullableTimestamp
  expires_at: Timestamp
  next_poll_at: NullableTimestamp
  updated_at: Timestamp
}

export interface SessionEventsTable {
  id: Generated<string>
  session_id: string
  at: Timestamp
  type: string
  actor_label: Generated<string>
  data: ColumnType<Record<string, unknown>, string | undefined, string>
}

export interface SessionMediaTable {
  id: Generated<string>
  session_id: string
  step_id: string
  kind: string
  content_type: string
  size: number
  sha256: string
  data_sealed: Buffer
  created_at: Timestamp
}

export interface OtpChallengesTable {
  id: Generated<string>
  session_id: string
  step_id: string
  channel: 'sms' | 'email'
  destination: string
  code_hash: string
  attempts: Generated<number>
  send_count: Generated<number>
  last_sent_at: Timestamp
  expires_at: Timestamp
  verified_at: NullableTimestamp
  created_at: Timestamp
}

export interface WebhooksTable {
  id: Generated<string>
  url: string
  secret_sealed: string
  events: Json<string[]>
  active: Generated<boolean>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface WebhookDeliveriesTable {
  id: Generated<string>
  webhook_id: string
  event_id: string
  event_type: string
  payload: Json<Record<string, unknown>>
  status: ColumnType<
    'pending' | 'delivered' | 'failed',
    'pending' | 'delivered' | 'failed' | undefined,
    'pending' | 'delivered' | 'failed'
  >
  attempts: Generated<number>
  next_attempt_at: Timestamp
  last_status: number | null
  last_error: string | null
  created_at: Timestamp
  delivered_at: NullableTimestamp
}

export interface WebhookAttemptsTable {
  id: Generated<string>
  delivery_id: string
  at: Timestamp
  status_code: number | null
  error: string | null
  duration_ms: number
}

/** The launch, session and webhook tables (migration 004). */
export interface SessionTables {
  provider_settings: ProviderSettingsTable
  app_settings: AppSettingsTable
  sessions: SessionsTable
  session_events: SessionEventsTable
  session_media: SessionMediaTable
  otp_challenges: OtpChallengesTable
  webhooks: WebhooksTable
  webhook_deliveries: WebhookDeliveriesTable
  webhook_attempts: WebhookAttemptsTable
}
