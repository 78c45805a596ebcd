import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Actor } from '../../common/auth/principal.ts'
import type { Database } from '../../common/db/database.ts'
import type { DB } from '../../common/db/tables.ts'
import { ConflictError, NotFoundError } from '../../common/errors/app-error.ts'
import { isHostedProvider } from '../../providers/provider-definition.ts'
import { ProviderCallbackError } from '../../providers/provider-error.ts'
import type { CallbackOutcome, CallbackRequest } from '../../providers/provider.types.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import {
  applyProviderResult,
  markSessionError,
  recordSessionEvent,
} from '../sessions/session-lifecycle.ts'
import * as repo from './callbacks.repository.ts'
import type { ProviderAccess } from './provider-access.ts'
import { schedulePollNow } from './result-polls.repository.ts'
import type { FetchOutcome, ResultPoller } from './result-poller.ts'

/** The channel that wakes result pollers (in every instance) when a fetch became due now. */
export const RESULT_POLL_CHANNEL = 'veriflow_result_poll'

export interface CallbacksServiceDeps {
  db: Kysely<DB>
  database: Pick<Database, 'notify'>
  logger: Logger
  providers: ProviderAccess
  poller: ResultPoller
}

/** The answer to a provider's callback (small: providers only look at the status). */
export interface CallbackReceipt {
  received: true
  /** The same callback was processed before: nothing changed. */
  duplicate: boolean
  /** A session was found for it (unmatched callbacks are recorded and acknowledged). */
  matched: boolean
}

function outcomeSummary(outcome: CallbackOutcome): Record<string, unknown> {
  return {
    ...(outcome.status ? { status: outcome.status } : {}),
    ...(outcome.errorCode ? { errorCode: outcome.errorCode } : {}),
    ...(outcome.result ? { final: outcome.result.final, outcome: outcome.result.outcome } : {}),
  }
}

/**
 * Inbound provider signals: callbacks (authenticated and parsed by each adapter, applied once
 * per event id), and "the provider's page says it is done" (fetch the result now).
 */
export class CallbacksService {
  constructor(private readonly deps: CallbacksServiceDeps) {}

  async receive(provider: string, request: CallbackRequest): Promise<CallbackReceipt> {
    const adapter = isHostedProvider(provider) ? this.deps.providers.adapters[provider] : undefined
    if (!isHostedProvider(provider) || !adapter?.handleCallback)
      throw new NotFoundError('callback endpoint')
    const config = await this.deps.providers.configFor(provider)
    const outcome = await adapter.handleCallback(request, config)
    if (
      typeof outcome.eventId !== 'string' ||
      outcome.eventId === '' ||
      outcome.eventId.length > 500
    )
      throw new ProviderCallbackError(
        400,
        'CALLBACK_MALFORMED',
        'the callback cannot be identified',
      )
    const { receipt, sessionId } = await this.deps.db.transaction().execute(async (trx) => {
      const session = await repo.findCallbackSession(trx, provider, outcome)
      const first = await repo.recordCallback(trx, {
        provider,
        eventId: outcome.eventId,
        sessionId: session?.id ?? null,
        outcome: outcomeSummary(outcome),
      })
      if (first && session) await this.apply(trx, provider, session.id, outcome)
      const matched = session !== undefined
      return {
        receipt: { received: true as const, duplicate: !first, matched },
        sessionId: session?.id,
      }
    })
    const ref = outcome.result?.providerRef ?? outcome.providerRef
    if (sessionId !== undefined && !receipt.duplicate && ref !== undefined)
      await this.deps.poller.keepProviderRef(sessionId, ref)
    if (!receipt.matched && !receipt.duplicate)
      this.deps.logger.warn(
        { provider, eventId: outcome.eventId },
        'callback for an unknown session',
      )
    const pollDue = outcome.status === 'processing' || outcome.result?.final === false
    if (receipt.matched && !receipt.duplicate && pollDue) await this.wakePollers()
    return receipt
  }

  /**
   * The provider's page reported that the user is done (Identomat's "DONE" postMessage,
   * Trustmatic's `hasCompleted`): fetch the result now. Returns the session's status after it.
   */
  async providerDone(
    sessionId: string,
    actor: Actor,
  ): Promise<{ sessionId: string; status: string; fetch: FetchOutcome | null }> {
    const session = await repo.findReturnSession(this.deps.db, sessionId)
    if (!session) throw new NotFoundError('session')
    if (!this.deps.providers.adapters[session.target])
      throw new ConflictError(
        'RESULT_NOT_FETCHABLE',
        `${session.target} sessions report their results themselves`,
      )
    await this.deps.db.transaction().execute(async (trx) => {
      await recordSessionEvent(trx, sessionId, 'provider.done_reported', {}, actor.label)
      await recordAudit(trx, actor, {
        action: 'session.provider_done',
        targetType: 'session',
        targetId: sessionId,
      })
    })
    const fetch = await this.deps.poller.fetchNow(sessionId, 'provider-done', true)
    const after = await repo.findReturnSession(this.deps.db, sessionId)
    return { sessionId, status: after?.status ?? session.status, fetch: fetch ?? null }
  }

  /** Tells every instance's poller that a fetch is due now (best effort: polls run anyway). */
  async wakePollers(): Promise<void> {
    await this.deps.database.notify(RESULT_POLL_CHANNEL, '').catch((error: unknown) => {
      this.deps.logger.warn({ err: error }, 'could not wake the result pollers')
    })
  }

  private async apply(
    trx: Kysely<DB>,
    provider: string,
    sessionId: string,
    outcome: CallbackOutcome,
  ) {
    await recordSessionEvent(trx, sessionId, 'provider.callback', {
      provider,
      eventId: outcome.eventId,
      ...outcomeSummary(outcome),
    })
    if (outcome.result) {
      await applyProviderResult(trx, sessionId, outcome.result, 'callback')
      if (!outcome.result.final) await schedulePollNow(trx, sessionId)
    } else if (outcome.status === 'error') {
      const code = outcome.errorCode ?? 'PROVIDER_ERROR'
      await markSessionError(trx, sessionId, code, `${provider} reported an error (${code})`)
    } else if (outcome.status === 'processing') {
      const pending = { final: false, outcome: null, summary: {}, raw: null }
      await applyProviderResult(trx, sessionId, pending, 'callback')
      await schedulePollNow(trx, sessionId)
    }
  }
}
