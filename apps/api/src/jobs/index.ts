import type { AppContext } from '../common/context.ts'
import type { Unlisten } from '../common/db/database.ts'
import { RESULT_POLL_CHANNEL } from '../features/callbacks/callbacks.service.ts'
import { providerAccess, type ProviderAccess } from '../features/callbacks/provider-access.ts'
import { ResultPoller, type ResultPollerOptions } from '../features/callbacks/result-poller.ts'
import { expireSessions } from '../features/sessions/session-lifecycle.ts'
import {
  WebhookDeliveryWorker,
  type DeliveryWorkerOptions,
} from '../features/webhooks/webhook-delivery.ts'
import { JobRunner } from './job-runner.ts'

/** The job names, for `trigger` and logs. */
export const JOB_NAMES = {
  deliverWebhooks: 'deliver-webhooks',
  expireSessions: 'expire-sessions',
  pollResults: 'poll-results',
} as const

export interface JobsOptions {
  /** Time between runs of each job. @default 2 s (webhooks), 30 s (expiry), 2 s (polls) */
  intervalsMs?: Partial<Record<keyof typeof JOB_NAMES, number>>
  webhooks?: Partial<DeliveryWorkerOptions>
  polls?: ResultPollerOptions
  /** Adapters and settings for result polls (tests inject fakes). @default providerAccess(ctx) */
  providers?: ProviderAccess
  /** Sessions expired per statement. @default 200 */
  expiryBatch?: number
}

export interface RunningJobs {
  runner: JobRunner
  /** Stops the jobs (waiting for runs in progress) and the wake-up listener. */
  stop(): Promise<void>
}

/** Builds the periodic jobs of one API instance (nothing is scheduled until `start`). */
export function createJobs(ctx: AppContext, options: JobsOptions = {}): JobRunner {
  const intervals = {
    deliverWebhooks: 2_000,
    expireSessions: 30_000,
    pollResults: 2_000,
    ...options.intervalsMs,
  }
  const webhooks = new WebhookDeliveryWorker(ctx, {
    allowPrivateTargets: ctx.config.webhookAllowPrivateTargets,
    ...options.webhooks,
  })
  const poller = new ResultPoller(
    { db: ctx.db, logger: ctx.logger, providers: options.providers ?? providerAccess(ctx) },
    options.polls,
  )
  const expiryBatch = options.expiryBatch ?? 200
  return new JobRunner(ctx.logger)
    .add({
      name: JOB_NAMES.deliverWebhooks,
      intervalMs: intervals.deliverWebhooks,
      run: (signal) => webhooks.runOnce(signal),
    })
    .add({
      name: JOB_NAMES.expireSessions,
      intervalMs: intervals.expireSessions,
      run: async (signal) => {
        // One transaction per batch: the expired rows and their events commit together.
        let expired: number
        do
          expired = await ctx.db
            .transaction()
            .execute((trx) => expireSessions(trx, new Date(), expiryBatch))
        while (expired === expiryBatch && !signal.aborted)
      },
    })
    .add({
      name: JOB_NAMES.pollResults,
      intervalMs: intervals.pollResults,
      run: (signal) => poller.runOnce(signal),
    })
}

/**
 * Starts the jobs of this instance, and wakes the result poller at once when any instance says a
 * fetch became due (a user came back from the provider, a callback said "processing").
 */
export async function startJobs(ctx: AppContext, options: JobsOptions = {}): Promise<RunningJobs> {
  const runner = createJobs(ctx, options)
  const wake = () => void runner.trigger(JOB_NAMES.pollResults).catch(() => undefined)
  let unlisten: Unlisten | undefined
  try {
    unlisten = await ctx.database.listen(RESULT_POLL_CHANNEL, wake, wake)
  } catch (error) {
    ctx.logger.warn(
      { err: error },
      'result poll wake-ups unavailable; polling on the interval only',
    )
  }
  runner.start()
  return {
    runner,
    stop: async () => {
      await unlisten?.()
      await runner.stop()
    },
  }
}
