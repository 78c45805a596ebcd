import { randomUUID } from 'node:crypto'
import { compile, type Flow, type TargetName } from '@veriflow/schema'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Actor } from '../../common/auth/principal.ts'
import type { Config } from '../../common/config/config.ts'
import { publicBaseUrl } from '../../common/config/public-url.ts'
import type { DB } from '../../common/db/tables.ts'
import { AppError, ConflictError, ValidationError } from '../../common/errors/app-error.ts'
import type { HostedProvider } from '../../providers/provider-definition.ts'
import type { ProviderConfig } from '../../providers/provider.types.ts'
import { readAppSettings } from '../app-settings/app-settings.service.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { issueEntries, versionNotFound } from '../flows/flow-versions.service.ts'
import { findFlow } from '../flows/flows.repository.ts'
import { flowNotFound } from '../flows/flows.service.ts'
import { publishedDocument } from '../sessions/session-document.ts'
import { markSessionError, recordSessionEvent } from '../sessions/session-lifecycle.ts'
import type { LaunchAdapters } from './launch-adapters.ts'
import { originOf, providerReturnUrl, returnUrlProblem } from './launch-urls.ts'
import { insertSession, recordLaunch } from './launches.repository.ts'
import type { LaunchBody, LaunchResult } from './launches.schemas.ts'

/** Where hosted providers' settings come from (ProviderSettingsService in production). */
export interface ProviderConfigSource {
  getConfig(provider: HostedProvider): Promise<ProviderConfig>
}

export interface LaunchesDeps {
  db: Kysely<DB>
  config: Pick<Config, 'publicUrl' | 'port'>
  logger: Logger
  adapters: Partial<LaunchAdapters>
  providerConfig: ProviderConfigSource
}

/** A launch request: the body, and the Origin header of the request that made it. */
export interface LaunchRequest extends LaunchBody {
  requestOrigin?: string
}

/** The document a session runs: a published version, or a copy of the draft (test sessions). */
interface LaunchSource {
  flowId: string
  version: number | null
  document: Flow
}

/** What a launch has decided before it stores the session. */
interface LaunchPlan {
  sessionId: string
  source: LaunchSource
  target: TargetName
  externalId: string
  userDetails: Record<string, unknown>
  language: string | undefined
  returnUrl: string | undefined
  launchOrigin: string | undefined
  expiresAt: Date
}

/** Largest accepted `user` object, serialised (kept on the session, shown in review). */
const MAX_USER_DETAILS_BYTES = 16 * 1024
const SANDBOX_CONFIG: ProviderConfig = { baseUrl: '', options: {}, credentials: {} }
/**
 * When the result poller first asks a hosted provider for a new session's result (then with its
 * backoff until the result is final or the session expires): nobody finishes sooner.
 */
const FIRST_POLL_AFTER_MS = 30_000

function invalid(path: string, code: string, message: string): ValidationError {
  return new ValidationError([{ path, code, message }])
}

/**
 * Launches: pins a session to a flow version (or a draft, sandbox only) and a target, stores it,
 * then asks the target's adapter for a launch URL. The session row exists before the provider
 * is called, and a failed call leaves it in status `error` with the reason, never hanging.
 */
export class LaunchesService {
  constructor(private readonly deps: LaunchesDeps) {}

  async launch(request: LaunchRequest, actor: Actor): Promise<LaunchResult> {
    const plan = await this.plan(request)
    await this.store(plan, actor)
    return this.callProvider(plan)
  }

  /** Everything checked and decided before anything is stored. */
  private async plan(request: LaunchRequest): Promise<LaunchPlan> {
    const { target } = request
    const source = await this.resolveSource(request)
    const doc = source.document
    // Read defensively: a draft may not be a valid document yet (compile reports that below).
    const targets = (doc as { targets?: Record<string, { enabled?: unknown } | null> }).targets
    if (targets?.[target]?.enabled !== true)
      throw new AppError(422, 'TARGET_DISABLED', `the flow is not enabled for ${target}`, [
        {
          path: `/targets/${target}/enabled`,
          code: 'TARGET_DISABLED',
          message: `enable ${target} in the flow's targets to launch it there`,
        },
      ])
    const { externalId, ...userDetails } = request.user
    if (Buffer.byteLength(JSON.stringify(userDetails)) > MAX_USER_DETAILS_BYTES)
      throw invalid('/user', 'USER_DETAILS_TOO_LARGE', 'user details may be at most 16 KB')
    const returnUrl = this.returnUrlOf(request, doc)
    const launchOrigin = this.launchOriginOf(request, returnUrl)
    const sessionId = randomUUID()
    const compiled = compile(doc, target, { sessionId, externalId, returnUrl })
    if (compiled.payload === null)
      throw new ValidationError(
        issueEntries(compiled.issues.filter((issue) => issue.severity === 'error')),
        422,
        'FLOW_NOT_LAUNCHABLE',
      )
    if (request.language !== undefined && !doc.languages.includes(request.language))
      throw invalid(
        '/language',
        'LANGUAGE_NOT_IN_FLOW',
        `the flow's languages are ${doc.languages.join(', ')}`,
      )
    return {
      sessionId,
      source,
      target,
      externalId,
      userDetails,
      language: request.language,
      returnUrl,
      launchOrigin,
      expiresAt: await this.expiryOf(doc),
    }
  }

  /** The session row, its first event and the audit entry, before any provider call. */
  private async store(plan: LaunchPlan, actor: Actor): Promise<void> {
    const { sessionId, source, target } = plan
    await this.deps.db.transaction().execute(async (trx) => {
      await insertSession(trx, {
        id: sessionId,
        flowId: source.flowId,
        version: source.version,
        draftDocument:
          source.version === null ? (source.document as Record<string, unknown>) : null,
        target,
        isTest: source.version === null,
        externalUserId: plan.externalId,
        userDetails: plan.userDetails,
        language: plan.language ?? null,
        returnUrl: plan.returnUrl ?? null,
        launchOrigin: plan.launchOrigin ?? null,
        expiresAt: plan.expiresAt,
        createdBy: actor.userId,
        createdByLabel: actor.label,
      })
      const version = source.version
      await recordSessionEvent(
        trx,
        sessionId,
        'session.created',
        { flowId: source.flowId, version, target },
        actor.label,
      )
      await recordAudit(trx, actor, {
        action: 'session.launched',
        targetType: 'session',
        targetId: sessionId,
        summary: {
          flowId: source.flowId,
          version: version ?? 'draft',
          target,
          externalUserId: plan.externalId,
        },
      })
    })
  }

  /** Asks the adapter for a launch URL; any failure marks the stored session `error`. */
  private async callProvider(plan: LaunchPlan): Promise<LaunchResult> {
    const { sessionId, target } = plan
    try {
      const adapter = this.deps.adapters[target]
      if (!adapter)
        throw new AppError(422, 'TARGET_UNAVAILABLE', `no adapter for ${target} is installed`)
      const config =
        target === 'sandbox' ? SANDBOX_CONFIG : await this.deps.providerConfig.getConfig(target)
      const output = await adapter.launch({
        sessionId,
        flow: plan.source.document,
        externalUserId: plan.externalId,
        userDetails: plan.userDetails,
        language: plan.language,
        returnUrl: providerReturnUrl(publicBaseUrl(this.deps.config), sessionId),
        integratorReturnUrl: plan.returnUrl,
        config,
      })
      const expiresAt = await this.deps.db.transaction().execute(async (trx) => {
        const stored = await recordLaunch(trx, sessionId, {
          providerRef: output.providerRef,
          // The sandbox URL carries the runner token itself: only its hash is kept.
          launchUrl: target === 'sandbox' ? null : output.launchUrl,
          state: output.state ?? {},
          expiresAt: output.expiresAt,
          // Hosted results arrive by callback only where the provider has one, and a callback
          // can be lost: the poller fetches every hosted session's result until it is final.
          firstPollInMs: target === 'sandbox' ? null : FIRST_POLL_AFTER_MS,
        })
        await recordSessionEvent(trx, sessionId, 'session.launched', {
          target,
          providerRef: output.providerRef,
        })
        return stored
      })
      return { sessionId, launchUrl: output.launchUrl, expiresAt: expiresAt.toISOString() }
    } catch (error) {
      await this.fail(sessionId, error)
      throw error
    }
  }

  private async fail(sessionId: string, error: unknown): Promise<void> {
    const code = error instanceof AppError ? error.code : 'LAUNCH_FAILED'
    const message = error instanceof AppError ? error.message : 'the launch failed unexpectedly'
    await markSessionError(this.deps.db, sessionId, code, message).catch((markError: unknown) =>
      this.deps.logger.error({ err: markError, sessionId }, 'could not mark the session as failed'),
    )
  }

  private async resolveSource(request: LaunchBody): Promise<LaunchSource> {
    const flow = await findFlow(this.deps.db, request.flowId)
    if (!flow) throw flowNotFound()
    if (flow.archived_at) throw new ConflictError('FLOW_ARCHIVED', 'restore the flow to launch it')
    if (request.version === 'draft') {
      if (request.target !== 'sandbox')
        throw new AppError(
          422,
          'DRAFT_SANDBOX_ONLY',
          'a draft can be launched only on the sandbox; publish it first',
          [
            {
              path: '/version',
              code: 'DRAFT_SANDBOX_ONLY',
              message: 'a draft runs only on the sandbox',
            },
          ],
        )
      return { flowId: flow.id, version: null, document: flow.draft as unknown as Flow }
    }
    const number = request.version ?? flow.latest_version
    if (number === null)
      throw new AppError(422, 'FLOW_NOT_PUBLISHED', 'the flow has no published version yet', [
        {
          path: '/version',
          code: 'FLOW_NOT_PUBLISHED',
          message: 'publish the flow, or launch its draft on the sandbox with version "draft"',
        },
      ])
    const document = await publishedDocument(this.deps.db, flow.id, number)
    if (!document) throw versionNotFound()
    return { flowId: flow.id, version: number, document }
  }

  private returnUrlOf(request: LaunchBody, doc: Flow): string | undefined {
    if (request.returnUrl !== undefined) {
      const problem = returnUrlProblem(request.returnUrl)
      if (problem) throw invalid('/returnUrl', 'RETURN_URL_INVALID', `the return URL ${problem}`)
      return request.returnUrl
    }
    const fromFlow: unknown = doc.settings?.returnUrl
    return typeof fromFlow === 'string' && !returnUrlProblem(fromFlow) ? fromFlow : undefined
  }

  private launchOriginOf(request: LaunchRequest, returnUrl: string | undefined) {
    if (request.embedOrigin !== undefined) {
      const origin = originOf(request.embedOrigin)
      if (!origin || origin !== request.embedOrigin.replace(/\/$/, ''))
        throw invalid(
          '/embedOrigin',
          'ORIGIN_INVALID',
          'give an origin such as https://app.example.com (https; http only for localhost)',
        )
      return origin
    }
    return originOf(request.requestOrigin) ?? originOf(returnUrl)
  }

  private async expiryOf(doc: Flow): Promise<Date> {
    const minutes =
      doc.settings?.sessionTtlMinutes ??
      (await readAppSettings(this.deps.db)).sessionTtlMinutesDefault
    return new Date(Date.now() + minutes * 60_000)
  }
}
