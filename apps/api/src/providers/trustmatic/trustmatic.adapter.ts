import { randomUUID } from 'node:crypto'
import { INITIALIZE_PATH, urlProblem, type TrustmaticInitializeBody } from '@veriflow/schema'
import { AppError } from '../../common/errors/app-error.ts'
import { compileForLaunch } from '../compile-for-launch.ts'
import { isRecord, malformed, replyJson, type ProviderHttp } from '../http/provider-http.ts'
import {
  failedTest,
  joinUrl,
  requireCredentials,
  stringOption,
  type ConnectionTest,
  type ConnectionTestContext,
  type HostedProviderAdapter,
} from '../provider-definition.ts'
import { ProviderError } from '../provider-error.ts'
import type {
  LaunchInput,
  LaunchOutput,
  ProviderConfig,
  ProviderResult,
  ProviderSession,
} from '../provider.types.ts'
import { basicAuthUserProblem } from './trustmatic.definition.ts'
import { enrolmentLaunchUrl, jwtExpiry, urlToken } from './trustmatic.launch-url.ts'

/** Inferred from the documented example tokens (exp − nbf = 3600 s); used when exp is unreadable. */
export const FALLBACK_TTL_MS = 60 * 60_000

const NO_RESULT_API =
  'Trustmatic publishes no result API; completion comes from the redirect or iframe event'

/** Trustmatic answers `{ hasError, error }` on the endpoints whose errors are documented. */
function trustmaticErrorCode(body: unknown): string | undefined {
  return isRecord(body) && typeof body.error === 'string' ? body.error : undefined
}

interface Initialized {
  accessToken: string | undefined
  sessionId: string
  webEnrolmentUrl: string
}

function readInitialized(body: unknown, sessionId: string): Initialized {
  if (!isRecord(body)) throw malformed('trustmatic', 'initialize', 'expected a JSON object')
  const url = body.webEnrolmentUrl
  if (typeof url !== 'string' || urlProblem(url))
    throw malformed('trustmatic', 'initialize', 'no usable webEnrolmentUrl')
  if (body.sessionId !== undefined && body.sessionId !== sessionId)
    throw malformed('trustmatic', 'initialize', 'it echoed a different sessionId')
  const accessToken =
    typeof body.accessToken === 'string' && body.accessToken !== '' ? body.accessToken : undefined
  return { accessToken, sessionId, webEnrolmentUrl: url }
}

/** The Authorization header; a user name stored before it was checked is refused here too. */
function basicAuth(config: ProviderConfig): string {
  const { username, password } = requireCredentials('trustmatic', config, ['username', 'password'])
  const problem = basicAuthUserProblem(username)
  if (problem)
    throw new AppError(
      422,
      'PROVIDER_NOT_CONFIGURED',
      `trustmatic: credentials.username: ${problem}; set it again in the provider settings`,
    )
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

function dotted(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), value)
}

const DECISIONS = { HIGH: 'passed', LOW: 'failed', MEDIUM: 'review_needed' } as const

/**
 * Trustmatic web enrolment: initialize with HTTP Basic and our session id, launch URL =
 * webEnrolmentUrl + the compiled parameters. No documented result API or callback.
 */
export class TrustmaticAdapter implements HostedProviderAdapter {
  readonly target = 'trustmatic'

  constructor(
    private readonly http: ProviderHttp,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async launch(input: LaunchInput): Promise<LaunchOutput> {
    const authorization = basicAuth(input.config)
    const enrolment = compileForLaunch('trustmatic', input, {
      returnUrl: input.returnUrl,
      sessionId: input.sessionId,
      externalId: input.externalUserId,
    })
    const created = await this.initialize(input.config, authorization, enrolment.request.body)
    const expiry = jwtExpiry(created.accessToken ?? urlToken(created.webEnrolmentUrl))
    return {
      providerRef: created.sessionId,
      launchUrl: enrolmentLaunchUrl(created.webEnrolmentUrl, enrolment.launchUrlParameters),
      expiresAt: expiry ?? new Date(this.now().getTime() + FALLBACK_TTL_MS),
      state: {
        integrationMode: enrolment.integrationMode,
        expiryInferred: expiry === undefined,
        ...(created.accessToken ? { accessToken: created.accessToken } : {}),
      },
    }
  }

  /**
   * Without `options.resultPath` there is nothing to ask: never final. With it, GET it with the
   * session's access token and map HIGH → passed, LOW → failed, MEDIUM → review_needed.
   */
  async fetchResult(session: ProviderSession, config: ProviderConfig): Promise<ProviderResult> {
    const path = stringOption(config, 'resultPath', '')
    if (path === '')
      return { final: false, outcome: null, summary: { note: NO_RESULT_API }, raw: null }
    const token = session.state.accessToken
    if (typeof token !== 'string' || token === '')
      throw new ProviderError(
        'rejected',
        'trustmatic',
        'the session has no access token for the result call',
      )
    const reply = await this.http.request({
      provider: 'trustmatic',
      operation: 'result',
      method: 'GET',
      url: joinUrl(config.baseUrl, path.replaceAll('{sessionId}', encodeURIComponent(session.id))),
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      idempotent: true,
      errorCode: trustmaticErrorCode,
    })
    const body = replyJson('trustmatic', 'result', reply)
    const field = stringOption(config, 'resultDecisionField', 'decision')
    const decision = dotted(body, field)
    const outcome =
      typeof decision === 'string' && decision in DECISIONS
        ? DECISIONS[decision as keyof typeof DECISIONS]
        : null
    return {
      final: outcome !== null,
      outcome,
      summary: { decision: typeof decision === 'string' ? decision : null },
      raw: body,
    }
  }

  /** Initializes a session with a fresh GUID: it is created at Trustmatic and never used. */
  async testConnection(
    config: ProviderConfig,
    context: ConnectionTestContext,
  ): Promise<ConnectionTest> {
    const authorization = basicAuth(config)
    try {
      await this.initialize(config, authorization, {
        sessionId: randomUUID(),
        returnUrl: context.returnUrl,
        externalId: 'veriflow-connection-test',
      })
    } catch (error) {
      if (error instanceof ProviderError) return failedTest(error)
      throw error
    }
    return {
      ok: true,
      status: 200,
      message:
        'Trustmatic accepted the credentials. A test enrolment session was created at Trustmatic; Veriflow did not store it.',
    }
  }

  private async initialize(
    config: ProviderConfig,
    authorization: string,
    body: TrustmaticInitializeBody,
  ): Promise<Initialized> {
    const reply = await this.http.request({
      provider: 'trustmatic',
      operation: 'initialize',
      method: 'POST',
      url: joinUrl(config.baseUrl, INITIALIZE_PATH),
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
      body: JSON.stringify(body),
      idempotent: false,
      errorCode: trustmaticErrorCode,
    })
    return readInitialized(replyJson('trustmatic', 'initialize', reply), body.sessionId)
  }
}
