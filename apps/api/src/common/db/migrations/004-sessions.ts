import { sql, type Kysely, type RawBuilder } from 'kysely'

/**
 * Launches and their sessions (timeline, media, OTP), provider settings with sealed
 * credentials, application settings, and outgoing webhooks with a durable outbox.
 */
const STATEMENTS: RawBuilder<unknown>[] = [
  sql`
    create table provider_settings (
      provider text primary key check (provider in ('identomat', 'iab', 'trustmatic')),
      base_url text,
      options jsonb not null default '{}',
      credentials_sealed text,
      updated_at timestamptz not null default now(),
      updated_by_label text not null default ''
    )
  `,
  sql`
    create table app_settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )
  `,
  sql`
    create table sessions (
      id uuid primary key,
      flow_id uuid not null references flows (id),
      flow_version integer,
      draft_document jsonb,
      target text not null check (target in ('identomat', 'iab', 'trustmatic', 'sandbox')),
      is_test boolean not null default false,
      status text not null default 'created'
        check (status in ('created', 'started', 'submitted', 'processing', 'completed', 'expired', 'abandoned', 'error')),
      outcome text check (outcome in ('passed', 'failed', 'review_needed')),
      decision text check (decision in ('approved', 'rejected', 'resubmission_requested')),
      decision_reason text,
      decided_by uuid,
      decided_by_label text,
      decided_at timestamptz,
      pending_decision jsonb,
      external_user_id text not null,
      user_details jsonb not null default '{}',
      language text,
      return_url text,
      launch_origin text,
      launch_url text,
      provider_ref text,
      provider_state jsonb not null default '{}',
      runner_token_hash text,
      runner_claim_hash text,
      runner_state jsonb not null default '{}',
      answers jsonb not null default '{}',
      operator_answers jsonb,
      result jsonb,
      raw_result jsonb,
      error_code text,
      error_message text,
      created_by uuid,
      created_by_label text not null default '',
      created_at timestamptz not null default now(),
      started_at timestamptz,
      submitted_at timestamptz,
      completed_at timestamptz,
      expires_at timestamptz not null,
      next_poll_at timestamptz,
      updated_at timestamptz not null default now(),
      foreign key (flow_id, flow_version) references flow_versions (flow_id, version)
    )
  `,
  sql`create index sessions_recent_idx on sessions (created_at desc, id desc)`,
  sql`create index sessions_flow_idx on sessions (flow_id, flow_version, created_at desc)`,
  sql`create index sessions_external_user_idx on sessions (external_user_id, created_at desc)`,
  sql`create index sessions_status_idx on sessions (status, created_at desc)`,
  sql`create index sessions_expiry_idx on sessions (expires_at) where status in ('created', 'started', 'submitted')`,
  sql`create index sessions_poll_idx on sessions (next_poll_at) where next_poll_at is not null`,
  sql`create unique index sessions_provider_ref_key on sessions (target, provider_ref) where provider_ref is not null`,
  sql`
    create table session_events (
      id bigint generated always as identity primary key,
      session_id uuid not null references sessions (id) on delete cascade,
      at timestamptz not null default now(),
      type text not null,
      actor_label text not null default '',
      data jsonb not null default '{}'
    )
  `,
  sql`create index session_events_session_idx on session_events (session_id, id)`,
  sql`
    create table session_media (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references sessions (id) on delete cascade,
      step_id text not null,
      kind text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null,
      data_sealed bytea not null,
      created_at timestamptz not null default now()
    )
  `,
  sql`create index session_media_session_idx on session_media (session_id, created_at)`,
  sql`
    create table otp_challenges (
      id uuid primary key default gen_random_uuid(),
      session_id uuid not null references sessions (id) on delete cascade,
      step_id text not null,
      channel text not null check (channel in ('sms', 'email')),
      destination text not null,
      code_hash text not null,
      attempts integer not null default 0,
      send_count integer not null default 1,
      last_sent_at timestamptz not null default now(),
      expires_at timestamptz not null,
      verified_at timestamptz,
      created_at timestamptz not null default now()
    )
  `,
  sql`create index otp_challenges_session_idx on otp_challenges (session_id, step_id, created_at desc)`,
  sql`
    create table webhooks (
      id uuid primary key default gen_random_uuid(),
      url text not null,
      secret_sealed text not null,
      events jsonb not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  sql`
    create table webhook_deliveries (
      id bigint generated always as identity primary key,
      webhook_id uuid not null references webhooks (id) on delete cascade,
      event_id uuid not null,
      event_type text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_status integer,
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (webhook_id, event_id)
    )
  `,
  sql`create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending'`,
  sql`
    create table webhook_attempts (
      id bigint generated always as identity primary key,
      delivery_id bigint not null references webhook_deliveries (id) on delete cascade,
      at timestamptz not null default now(),
      status_code integer,
      error text,
      duration_ms integer not null
    )
  `,
  sql`create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, id)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite prepares each query, and a prepared statement holds one.
  for (const statement of STATEMENTS) await statement.execute(db)
}
