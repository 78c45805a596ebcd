import type { Migration } from 'kysely'
import * as core from './001-core.ts'
import * as flows from './003-flows.ts'
import * as sessions from './004-sessions.ts'
import * as callbacks from './007-callbacks.ts'
import * as review from './008-review.ts'

/** Every migration, by name; names sort in the order they run. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-core': core,
  '003-flows': flows,
  '004-sessions': sessions,
  '007-callbacks': callbacks,
  '008-review': review,
}
