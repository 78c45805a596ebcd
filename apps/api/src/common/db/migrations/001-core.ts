import { sql, type Kysely, type RawBuilder } from 'kysely'

/** Users, logins, API keys, flows with immutable versions, the audit log and rate limits. */
const STATEMENTS: RawBuilder<unknown>[] = [
  sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null default '',
      role text not null check (role in ('admin', 'designer', 'reviewer', 'developer')),
      password_hash text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deactivated_at timestamptz
    )
  `,
  sql`
    create unique index users_email_key on users (lower(email))
  `,
  sql`
    create table auth_sessions (
      token_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now()
    )
  `,
  sql`
    create index auth_sessions_user_idx on auth_sessions (user_id)
  `,
  sql`
    create table api_keys (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      name text not null,
      prefix text not null,
      secret_hash text not null,
      scopes jsonb not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )
  `,
  sql`
    create index api_keys_user_idx on api_keys (user_id)
  `,
  sql`
    create table one_time_tokens (
      token_hash text primary key,
      purpose text not null check (purpose in ('setup', 'invite')),
      user_id uuid references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )
  `,
  sql`
    create table login_failures (
      key text primary key,
      failures integer not null,
      first_failed_at timestamptz not null default now(),
      locked_until timestamptz
    )
  `,
  sql`
    create table flows (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      draft jsonb not null,
      revision integer not null default 1,
      latest_version integer,
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      created_by uuid,
      updated_at timestamptz not null default now(),
      updated_by uuid
    )
  `,
  sql`
    create index flows_recent_idx on flows (updated_at desc, id desc)
  `,
  sql`
    create table flow_versions (
      flow_id uuid not null references flows (id),
      version integer not null,
      document jsonb not null,
      note text not null,
      content_hash text not null,
      published_at timestamptz not null default now(),
      published_by uuid,
      published_by_label text not null,
      primary key (flow_id, version)
    )
  `,
  sql`
    create function forbid_flow_version_changes() returns trigger language plpgsql as $$
    begin
      raise exception 'flow versions are immutable' using errcode = 'restrict_violation';
    end
    $$
  `,
  sql`
    create trigger flow_versions_immutable before update or delete on flow_versions
      for each row execute function forbid_flow_version_changes()
  `,
  sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor_kind text not null,
      actor_id text,
      actor_label text not null,
      action text not null,
      target_type text not null,
      target_id text,
      request_id text,
      summary jsonb not null default '{}'
    )
  `,
  sql`
    create index audit_log_recent_idx on audit_log (at desc, id desc)
  `,
  sql`
    create table rate_limits (
      key text primary key,
      hits integer not null,
      reset_at timestamptz not null
    )
  `,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  // One statement per query: PGlite prepares each query, and a prepared statement holds one.
  for (const statement of STATEMENTS) await statement.execute(db)
}
