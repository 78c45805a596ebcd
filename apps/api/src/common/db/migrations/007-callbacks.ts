import { sql, type Kysely, type RawBuilder } from 'kysely'

/**
 * Inbound provider callbacks already processed (idempotency: the same callback twice changes
 * nothing the second time), and the result poller's per-session attempt count (its backoff).
 */
const STATEMENTS: RawBuilder<unknown>[] = [
  sql`
    create table provider_callbacks (
      provider text not null,
      event_id text not null,
      session_id uuid references sessions (id) on delete cascade,
      received_at timestamptz not null default now(),
      outcome jsonb not null default '{}',
      primary key (provider, event_id)
    )
  `,
  sql`create index provider_callbacks_session_idx on provider_callbacks (session_id) where session_id is not null`,
  sql`
    create table session_polls (
      session_id uuid primary key references sessions (id) on delete cascade,
      attempts integer not null default 0,
      last_polled_at timestamptz,
      last_error text
    )
  `,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
