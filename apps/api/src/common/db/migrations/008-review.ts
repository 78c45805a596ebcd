import { sql, type Kysely, type RawBuilder } from 'kysely'

/**
 * The review console (issue 7): saved views of the sessions list per user, the indexes behind
 * the reviewer filter, and the once-per-step `step.reached` timeline events the funnel counts.
 */
const STATEMENTS: RawBuilder<unknown>[] = [
  sql`
    create table saved_views (
      id uuid primary key default gen_random_uuid(),
      owner text not null,
      user_id uuid references users (id) on delete cascade,
      name text not null,
      query jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  sql`create unique index saved_views_owner_name_key on saved_views (owner, lower(name))`,
  sql`create index saved_views_owner_idx on saved_views (owner, created_at desc, id desc)`,
  sql`create index saved_views_user_idx on saved_views (user_id) where user_id is not null`,
  // A step is reached once per session: the runner inserts with "on conflict do nothing".
  sql`
    create unique index session_events_step_reached_key
      on session_events (session_id, (data ->> 'stepId'))
      where type = 'step.reached'
  `,
  sql`create index sessions_decided_by_idx on sessions (decided_by, created_at desc, id desc) where decided_by is not null`,
  sql`
    create index sessions_proposed_by_idx
      on sessions ((pending_decision -> 'proposedBy' ->> 'userId'), created_at desc)
      where pending_decision is not null
  `,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db)
}
