import { INITIATE_FLOW_PATH, resolveSettings } from '@veriflow/schema'
import { AppError, ValidationError } from '../../common/errors/app-error.ts'
import { compileForLaunch } from '../compile-for-launch.ts'
import {
  isHttpStatus,
  replyJson,
  type ProviderHttp,
  type ProviderReply,
} from '../http/provider-http.ts'
import {
  failedTest,
  joinUrl,
  requireCredentials,
  stringOption,
  type ConnectionTest,
  type HostedProviderAdapter,
} from '../provider-definition.ts'
import { ProviderError } from '../provider-error.ts'
import type {
  CallbackOutcome,
  CallbackRequest,
  LaunchInput,
  LaunchOutput,
  ProviderConfig,
  ProviderResult,
  ProviderSession,
} from '../provider.types.ts'
import { readIabCallback } from './iab.callback.ts'
import { DEFAULT_TOKEN_URL, SUBMISSIONS_PATH } from './iab.definition.ts'
import {
  iabErrorCode,
  iabResult,
  parseLaunchUrl,
  parsePartnerToken,
  submissionIdOf,
} from './iab.replies.ts'
import { PartnerTokenCache, type PartnerToken } from './iab.token-cache.ts'

const CREDENTIALS = ['client_id', 'pass_key', 'onboarding_partner'] as const

/** Header values must be printable ASCII; anything else would fail inside fetch. */
function headerSafe(value: string, path: string, what: string): string {
  if (!/^[\x20-\x7e]{1,512}$/.test(value))
    throw new ValidationError(
      [
        {
          path,
          code: 'IAB_HEADER_VALUE_INVALID',
          message: `${what} must be 1–512 printable ASCII characters for OneKYC headers`,
        },
      ],
      422,
      'FLOW_NOT_LAUNCHABLE',
    )
  return value
}

/**
 * GoPay OneKYC CoE web flows: a cached partner token (one fetch at a time, refreshed once on a
 * 401), Initiate Flow for the launch URL, Get Submission Details for the verdict, and callbacks
 * that are authenticated by a configured secret and/or allow-list and confirmed before use.
 */
export class IabAdapter implements HostedProviderAdapter {
  readonly target = 'iab'
  private readonly tokens: PartnerTokenCache

  constructor(
    private readonly http: ProviderHttp,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.tokens = new PartnerTokenCache(
      (config) => this.fetchPartnerToken(config),
      () => this.now().getTime(),
    )
  }

  async launch(input: LaunchInput): Promise<LaunchOutput> {
    const { config } = input
    const credentials = requireCredentials('iab', config, CREDENTIALS)
    const userIdType = input.flow.targets?.iab?.partnerUserIdType
    if (!userIdType)
      throw new ValidationError(
        [
          {
            path: '/targets/iab/partnerUserIdType',
            code: 'IAB_PARTNER_USER_ID_TYPE_REQUIRED',
            message:
              'OneKYC needs the type of the partner user id (x-partner-user-id-type): set targets.iab.partnerUserIdType',
          },
        ],
        422,
        'FLOW_NOT_LAUNCHABLE',
      )
    const request = compileForLaunch('iab', input, {
      returnUrl: input.returnUrl,
      sessionId: input.sessionId,
      externalId: input.externalUserId,
    })
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-onboarding-partner': credentials.onboarding_partner,
      'x-partner-user-id': headerSafe(
        input.externalUserId,
        '/user/externalId',
        'the external user id',
      ),
      'x-partner-user-id-type': headerSafe(
        userIdType,
        '/targets/iab/partnerUserIdType',
        'partnerUserIdType',
      ),
      'x-partner-session-id': input.sessionId,
    }
    const path = stringOption(config, 'initiateFlowPath', INITIATE_FLOW_PATH)
    const body = JSON.stringify(request.body)
    // Not idempotent, so never retried — except once after a 401, which processed nothing.
    const reply = await this.withToken(config, (token) =>
      this.http.request({
        provider: 'iab',
        operation: 'Initiate Flow',
        method: 'POST',
        url: joinUrl(config.baseUrl, path),
        headers: { ...headers, 'x-onekyc-token': token },
        body,
        idempotent: false,
        errorCode: iabErrorCode,
      }),
    )
    const answer = replyJson('iab', 'Initiate Flow', reply)
    const launchUrl = parseLaunchUrl(answer)
    const ttlMinutes = resolveSettings(input.flow.settings).sessionTtlMinutes
    return {
      providerRef: submissionIdOf(answer),
      launchUrl,
      expiresAt: new Date(this.now().getTime() + ttlMinutes * 60_000),
      state: { partnerUserIdType: userIdType, launchMode: request.launchMode },
    }
  }

  /**
   * Get Submission Details by our session id (= x-partner-session-id). "Submission does not
   * exist" means the user has not submitted yet: not final, not an error.
   */
  async fetchResult(session: ProviderSession, config: ProviderConfig): Promise<ProviderResult> {
    const userIdType = session.state.partnerUserIdType
    if (typeof userIdType !== 'string' || userIdType === '')
      throw new ProviderError(
        'rejected',
        'iab',
        'the session has no partner user id type (launched without one)',
      )
    let reply: ProviderReply
    try {
      reply = await this.submissionDetails(config, {
        'x-partner-user-id': session.externalUserId,
        'x-partner-user-id-type': userIdType,
        'x-partner-session-id': session.id,
      })
    } catch (error) {
      if (
        isHttpStatus(error, 400) &&
        /1552|SUBMISSION_DOES_NOT_EXIST/.test((error as ProviderError).providerCode ?? '')
      )
        return {
          final: false,
          outcome: null,
          summary: { note: 'OneKYC has no submission for this session yet' },
          raw: null,
        }
      throw error
    }
    return iabResult(replyJson('iab', 'Get Submission Details', reply))
  }

  /**
   * Authenticates and checks the callback, then confirms it with Get Submission Details by the
   * callback's submission id: only a confirmed verdict is returned as a result. When it cannot be
   * confirmed (the lookup needs the user's id headers, which a callback does not carry), the
   * session stays processing and the result poller confirms it by our session id.
   */
  async handleCallback(request: CallbackRequest, config: ProviderConfig): Promise<CallbackOutcome> {
    const callback = readIabCallback(request, config)
    const base = { providerRef: callback.submissionId, eventId: callback.eventId }
    if (callback.status === 'ERROR')
      return { ...base, status: 'error', errorCode: callback.reasonCode ?? 'ERROR' }
    try {
      const reply = await this.submissionDetails(config, {
        'x-submission-id': callback.submissionId,
      })
      const result = iabResult(replyJson('iab', 'Get Submission Details', reply))
      return result.final ? { ...base, result } : { ...base, status: 'processing' }
    } catch (error) {
      // ProviderError, or settings too incomplete to ask: the poller confirms later.
      if (error instanceof AppError) return { ...base, status: 'processing' }
      throw error
    }
  }

  /**
   * Fetches a fresh partner token (never shown) through the shared cache: launches and result
   * fetches use it next, and a fetch already under way is joined rather than repeated.
   */
  async testConnection(config: ProviderConfig): Promise<ConnectionTest> {
    requireCredentials('iab', config, ['client_id', 'pass_key'])
    let token: PartnerToken
    try {
      token = await this.tokens.renew(config)
    } catch (error) {
      if (error instanceof ProviderError) return failedTest(error)
      throw error
    }
    const seconds = Math.round((token.expiresAt.getTime() - this.now().getTime()) / 1000)
    return {
      ok: true,
      status: 200,
      message: `OneKYC issued a partner token (valid for about ${seconds} s; it is not shown).`,
    }
  }

  private async submissionDetails(
    config: ProviderConfig,
    lookup: Record<string, string>,
  ): Promise<ProviderReply> {
    const { onboarding_partner } = requireCredentials('iab', config, CREDENTIALS)
    return this.withToken(config, (token) =>
      this.http.request({
        provider: 'iab',
        operation: 'Get Submission Details',
        method: 'GET',
        url: joinUrl(config.baseUrl, SUBMISSIONS_PATH),
        headers: {
          accept: 'application/json',
          'x-onekyc-token': token,
          'x-onboarding-partner': onboarding_partner,
          ...lookup,
        },
        idempotent: true,
        errorCode: iabErrorCode,
      }),
    )
  }

  /** Runs `call` with the cached token; on a 401 refreshes the token once and runs it again. */
  private async withToken<T>(
    config: ProviderConfig,
    call: (token: string) => Promise<T>,
  ): Promise<T> {
    const token = await this.tokens.get(config)
    try {
      return await call(token)
    } catch (error) {
      if (!isHttpStatus(error, 401)) throw error
      this.tokens.invalidate(config, token)
      return call(await this.tokens.get(config))
    }
  }

  private async fetchPartnerToken(config: ProviderConfig): Promise<PartnerToken> {
    const { client_id, pass_key } = requireCredentials('iab', config, ['client_id', 'pass_key'])
    const reply = await this.http.request({
      provider: 'iab',
      operation: 'partner token',
      method: config.options.tokenMethod === 'POST' ? 'POST' : 'GET',
      url: stringOption(config, 'tokenUrl', DEFAULT_TOKEN_URL),
      headers: { accept: 'application/json', 'client-id': client_id, 'pass-key': pass_key },
      idempotent: true,
      errorCode: iabErrorCode,
    })
    return parsePartnerToken(replyJson('iab', 'partner token', reply), this.now().getTime())
  }
}
