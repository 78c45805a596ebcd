import { eventIdOf, secretsEqual } from '../callback-auth.ts'
import { compileForLaunch } from '../compile-for-launch.ts'
import {
  isRecord,
  malformed,
  replyJson,
  type ProviderHttp,
  type ProviderReply,
} from '../http/provider-http.ts'
import {
  failedTest,
  joinUrl,
  requireCredentials,
  type ConnectionTest,
  type HostedProviderAdapter,
} from '../provider-definition.ts'
import { ProviderCallbackError, ProviderError } from '../provider-error.ts'
import type {
  CallbackOutcome,
  CallbackRequest,
  LaunchInput,
  LaunchOutput,
  ProviderConfig,
  ProviderResult,
  ProviderSession,
} from '../provider.types.ts'
import { identomatResult } from './identomat.result.ts'
import { signatureHeader, signatureValid } from './identomat.signature.ts'

export const BEGIN_PATH = '/external-api/begin/'
export const RESULT_PATH = '/external-api/result/'
/** A session token is valid for 15 minutes by default (seed 004). */
export const IDENTOMAT_TOKEN_TTL_MS = 15 * 60_000

/** Identomat's error answers are undocumented; public code reads `argumentError`. */
function identomatErrorCode(body: unknown): string | undefined {
  return isRecord(body) && typeof body.argumentError === 'string' ? body.argumentError : undefined
}

/** The widget URL for a session token (confirmed from public code, providers.md §3.4). */
export function widgetUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/?session_token=${encodeURIComponent(token)}`
}

/**
 * Identomat: `begin` with the compiled body and the company key (signed when a secret key is
 * set), the widget URL, results from `result`, callbacks authenticated by callbackApiKey.
 */
export class IdentomatAdapter implements HostedProviderAdapter {
  readonly target = 'identomat'

  constructor(
    private readonly http: ProviderHttp,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async launch(input: LaunchInput): Promise<LaunchOutput> {
    const { company_key } = requireCredentials('identomat', input.config, ['company_key'])
    const body = compileForLaunch('identomat', input, {
      returnUrl: input.returnUrl,
      sessionId: input.sessionId,
    })
    if (input.language && 'language' in body.flags) body.flags.language = input.language
    const token = await this.begin(input.config, { ...body, company_key })
    return {
      providerRef: token,
      launchUrl: widgetUrl(input.config.baseUrl, token),
      expiresAt: new Date(this.now().getTime() + IDENTOMAT_TOKEN_TTL_MS),
      state: { signed: Boolean(input.config.credentials.secret_key) },
    }
  }

  async fetchResult(session: ProviderSession, config: ProviderConfig): Promise<ProviderResult> {
    const { company_key } = requireCredentials('identomat', config, ['company_key'])
    const token = session.providerRef
    if (!token)
      throw new ProviderError('rejected', 'identomat', 'the session has no Identomat session token')
    const reply = await this.post(config, RESULT_PATH, 'result', true, {
      company_key,
      session_token: token,
    })
    return identomatResult(replyJson('identomat', 'result', reply))
  }

  /**
   * Identomat callbacks carry `callbackApiKey` (providers.md §3.6). Without a configured key every
   * callback is refused. No result payload is documented, so the outcome never holds a verdict.
   */
  async handleCallback(request: CallbackRequest, config: ProviderConfig): Promise<CallbackOutcome> {
    const body = request.body
    if (!isRecord(body))
      throw new ProviderCallbackError(400, 'CALLBACK_MALFORMED', 'expected a JSON object')
    const expected = config.credentials.callback_api_key
    if (!expected)
      throw new ProviderCallbackError(
        401,
        'CALLBACK_NOT_CONFIGURED',
        'set the Identomat callback_api_key in the provider settings to accept callbacks',
      )
    const given = body.callbackApiKey
    if (typeof given !== 'string' || !secretsEqual(given, expected))
      throw new ProviderCallbackError(
        401,
        'CALLBACK_UNAUTHENTICATED',
        'wrong or missing callbackApiKey',
      )
    if (typeof body.type !== 'string' || body.type === '')
      throw new ProviderCallbackError(400, 'CALLBACK_MALFORMED', 'the callback has no type')
    if (body.sessionId !== undefined && typeof body.sessionId !== 'string')
      throw new ProviderCallbackError(400, 'CALLBACK_MALFORMED', 'sessionId must be a string')
    const { callbackApiKey: _secret, ...event } = body
    return {
      ...(typeof body.sessionId === 'string' && body.sessionId !== ''
        ? { providerRef: body.sessionId }
        : {}),
      eventId: eventIdOf('identomat', event),
    }
  }

  /** Calls `begin` with a minimal body: this creates a (never used) session at Identomat. */
  async testConnection(config: ProviderConfig): Promise<ConnectionTest> {
    const { company_key } = requireCredentials('identomat', config, ['company_key'])
    try {
      await this.begin(config, { company_key, flags: {}, steps: [] })
    } catch (error) {
      if (error instanceof ProviderError) return failedTest(error)
      throw error
    }
    const signed = config.credentials.secret_key ? ', the signature verified' : ''
    return {
      ok: true,
      status: 200,
      message: `Identomat accepted the company key${signed}. A test session was created at Identomat; Veriflow did not store it and it expires unused after 15 minutes.`,
    }
  }

  private async begin(config: ProviderConfig, body: Record<string, unknown>): Promise<string> {
    const reply = await this.post(config, BEGIN_PATH, 'begin', false, body)
    const token = replyJson('identomat', 'begin', reply)
    if (typeof token !== 'string' || !/^[\x21-\x7e]{1,1024}$/.test(token))
      throw malformed('identomat', 'begin', 'expected the session token as a JSON string')
    return token
  }

  /** POSTs JSON, signed when a secret key is set; then the answer's signature must verify. */
  private async post(
    config: ProviderConfig,
    path: string,
    operation: string,
    idempotent: boolean,
    body: Record<string, unknown>,
  ): Promise<ProviderReply> {
    const text = JSON.stringify(body)
    const secret = config.credentials.secret_key
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
    }
    if (secret) headers.authorization = signatureHeader(secret, text)
    const reply = await this.http.request({
      provider: 'identomat',
      operation,
      method: 'POST',
      url: joinUrl(config.baseUrl, path),
      headers,
      body: text,
      idempotent,
      errorCode: identomatErrorCode,
    })
    if (secret && !signatureValid(secret, reply.bytes, reply.headers.get('authorization')))
      throw new ProviderError(
        'unavailable',
        'identomat',
        `${operation} answered without a valid HMAC signature (check secret_key)`,
      )
    return reply
  }
}
