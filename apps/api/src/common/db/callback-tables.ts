import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>

export interface ProviderCallbacksTable {
  provider: string
  event_id: string
  session_id: string | null
  received_at: Timestamp
  outcome: ColumnType<Record<string, unknown>, string | undefined, string>
}

export interface SessionPollsTable {
  session_id: string
  attempts: ColumnType<number, number | undefined, number>
  last_polled_at: NullableTimestamp
  last_error: string | null
}

/** Inbound callbacks and result polling (migration 007). */
export interface CallbackTables {
  provider_callbacks: ProviderCallbacksTable
  session_polls: SessionPollsTable
}
