import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { DB } from '../../common/db/tables.ts'
import { AppError } from '../../common/errors/app-error.ts'
import { isHostedProvider } from '../../providers/provider-definition.ts'
import type { ProviderResult } from '../../providers/provider.types.ts'
import { applyProviderResult, markSessionError } from '../sessions/session-lifecycle.ts'
import type { ProviderAccess } from './provider-access.ts'
import {
  claimDuePolls,
  rememberProviderRef,
  reschedulePoll,
  schedulePollNow,
  stopPolling,
  type PollSession,
} from './result-polls.repository.ts'

export interface ResultPollerOptions {
  /** Sessions claimed at once (and fetched in parallel). @default 10 */
  batchSize?: number
  /** Batches per run while there is more due work. @default 10 */
  maxBatches?: number
  /** How long a claimed session is left alone by other workers. @default 60000 */
  leaseMs?: number
  /** Wait after the `n`-th fetch without a final result. @default pollBackoff */
  backoffMs?: (attempt: number) => number
  /** How long after `expires_at` a session still without a result is given up (→ error). @default 24 h */
  giveUpAfterMs?: number
}

/** What one fetch did. */
export type FetchOutcome = 'completed' | 'pending' | 'failed' | 'given_up' | 'skipped'

/** 5 s, 10 s, 20 s, … doubling up to 5 minutes, each ±20 %. */
export function pollBackoff(attempt: number): number {
  const base = Math.min(5 * 60_000, 5_000 * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

function describe(error: unknown): string {
  return error instanceof AppError ? error.message : 'unexpected error (see the log)'
}

/**
 * Fetches provider results for hosted sessions whose `next_poll_at` is due: a final result is
 * applied with `applyProviderResult` (idempotent; completes the session and queues
 * `session.completed` once), anything else is asked again later with backoff — until the result
 * is final, the session expires, or `giveUpAfterMs` past its expiry (then the session is marked
 * error RESULT_TIMEOUT). Claims use `FOR UPDATE SKIP LOCKED` with a lease, so several instances
 * poll without asking twice.
 */
export class ResultPoller {
  private readonly options: Required<ResultPollerOptions>

  constructor(
    private readonly deps: { db: Kysely<DB>; logger: Logger; providers: ProviderAccess },
    options: ResultPollerOptions = {},
  ) {
    this.options = {
      batchSize: 10,
      maxBatches: 10,
      leaseMs: 60_000,
      backoffMs: pollBackoff,
      giveUpAfterMs: 24 * 60 * 60_000,
      ...options,
    }
  }

  /** Fetches what is due, batch after batch, until nothing is due or `maxBatches` ran. */
  async runOnce(signal?: AbortSignal): Promise<Record<FetchOutcome, number>> {
    const counts: Record<FetchOutcome, number> = {
      completed: 0,
      pending: 0,
      failed: 0,
      given_up: 0,
      skipped: 0,
    }
    for (let batch = 0; batch < this.options.maxBatches && !signal?.aborted; batch++) {
      const claimed = await claimDuePolls(
        this.deps.db,
        this.options.batchSize,
        this.options.leaseMs,
      )
      const outcomes = await Promise.all(claimed.map((session) => this.fetch(session, 'poll')))
      for (const outcome of outcomes) counts[outcome]++
      if (claimed.length < this.options.batchSize) break
    }
    return counts
  }

  /**
   * Fetches one session's result now (the provider told its page it is done). `markProcessing`:
   * a non-final answer still moves the session to `processing`, since the user has finished.
   * Returns undefined when the session is not awaiting a result or another worker is on it.
   */
  async fetchNow(
    sessionId: string,
    source: string,
    markProcessing: boolean,
  ): Promise<FetchOutcome | undefined> {
    if (!(await schedulePollNow(this.deps.db, sessionId))) return undefined
    const [session] = await claimDuePolls(this.deps.db, 1, this.options.leaseMs, sessionId)
    return session ? this.fetch(session, source, markProcessing) : undefined
  }

  private async fetch(
    session: PollSession,
    source: string,
    markProcessing = false,
  ): Promise<FetchOutcome> {
    const adapter = this.deps.providers.adapters[session.target]
    if (!adapter || !isHostedProvider(session.target)) {
      await stopPolling(this.deps.db, session.id)
      return 'skipped'
    }
    const attempt = session.attempts + 1
    let result: ProviderResult
    try {
      const config = await this.deps.providers.configFor(session.target)
      result = await adapter.fetchResult(
        {
          id: session.id,
          providerRef: session.provider_ref,
          externalUserId: session.external_user_id,
          state: session.provider_state,
        },
        config,
      )
    } catch (error) {
      this.deps.logger.warn(
        { err: error, sessionId: session.id, target: session.target, attempt },
        'provider result fetch failed',
      )
      return (await this.notYet(session, attempt, describe(error))) ? 'given_up' : 'failed'
    }
    if (result.providerRef !== undefined && session.provider_ref === null)
      await this.keepProviderRef(session.id, result.providerRef)
    return this.deps.db.transaction().execute(async (trx) => {
      if (result.final || markProcessing) await applyProviderResult(trx, session.id, result, source)
      if (result.final) {
        await stopPolling(trx, session.id)
        return 'completed'
      }
      return (await this.notYet(session, attempt, null, trx)) ? 'given_up' : 'pending'
    })
  }

  /**
   * Stores the provider's id a result or callback named, when the session has none yet (best
   * effort, in a statement of its own: a reference another session already holds is skipped and
   * must not undo the result).
   */
  async keepProviderRef(sessionId: string, providerRef: string): Promise<void> {
    await rememberProviderRef(this.deps.db, sessionId, providerRef).catch((error: unknown) =>
      this.deps.logger.warn({ err: error, sessionId }, 'could not keep the provider reference'),
    )
  }

  /** Schedules the next fetch, or gives the session up; true when given up. */
  private async notYet(
    session: PollSession,
    attempt: number,
    error: string | null,
    db: Kysely<DB> = this.deps.db,
  ): Promise<boolean> {
    if (Date.now() > session.expires_at.getTime() + this.options.giveUpAfterMs) {
      await markSessionError(
        db,
        session.id,
        'RESULT_TIMEOUT',
        `no final result from ${session.target} after ${attempt} attempts${error ? ` (last error: ${error})` : ''}`,
      )
      await stopPolling(db, session.id)
      return true
    }
    await reschedulePoll(db, session.id, attempt, this.options.backoffMs(attempt), error)
    return false
  }
}
