import { eventIdOf, ipAllowed, secretsEqual } from '../callback-auth.ts'
import { isRecord } from '../http/provider-http.ts'
import { ProviderCallbackError } from '../provider-error.ts'
import type { CallbackRequest, ProviderConfig } from '../provider.types.ts'

/** "Callback To Partner" (providers.md §1.10), once authenticated and checked. */
export interface IabCallback {
  submissionId: string
  status: 'COMPLETED' | 'ERROR'
  result: 'VALID' | 'INVALID' | null
  reasonCode: string | null
  eventId: string
}

function header(request: CallbackRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** The secret the caller presented: `Authorization: Bearer <secret>` or `X-Callback-Secret`. */
function presentedSecret(request: CallbackRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header(request, 'authorization') ?? '')
  return bearer?.[1] ?? header(request, 'x-callback-secret')
}

export function allowedIps(config: ProviderConfig): string[] {
  const list = config.options.callbackAllowedIps
  return Array.isArray(list)
    ? list.filter((entry): entry is string => typeof entry === 'string')
    : []
}

/**
 * How OneKYC authenticates CoE callbacks is undocumented, so Veriflow insists on what it can
 * check: a configured shared secret and/or a source allow-list (both, when both are set). With
 * neither configured every callback is refused.
 */
function authenticate(request: CallbackRequest, config: ProviderConfig): void {
  const secret = config.credentials.callback_secret
  const ips = allowedIps(config)
  if (!secret && ips.length === 0)
    throw new ProviderCallbackError(
      401,
      'CALLBACK_NOT_CONFIGURED',
      'set the OneKYC callback_secret and/or callbackAllowedIps in the provider settings to accept callbacks',
    )
  if (secret && !secretsEqual(presentedSecret(request) ?? '', secret))
    throw new ProviderCallbackError(
      401,
      'CALLBACK_UNAUTHENTICATED',
      'wrong or missing callback secret',
    )
  if (ips.length > 0 && !ipAllowed(request.ip, ips))
    throw new ProviderCallbackError(
      401,
      'CALLBACK_UNAUTHENTICATED',
      'the callback came from an address that is not allowed',
    )
}

function malformed(message: string): ProviderCallbackError {
  return new ProviderCallbackError(400, 'CALLBACK_MALFORMED', message)
}

/** Authenticates (401) and reads (400 unless in the documented shape) a OneKYC callback. */
export function readIabCallback(request: CallbackRequest, config: ProviderConfig): IabCallback {
  authenticate(request, config)
  const body = request.body
  if (!isRecord(body)) throw malformed('expected a JSON object')
  const { submissionId, status, result, reasonCode } = body
  if (typeof submissionId !== 'string' || submissionId === '' || submissionId.length > 200)
    throw malformed('submissionId must be a non-empty string')
  if (status !== 'COMPLETED' && status !== 'ERROR')
    throw malformed('status must be COMPLETED or ERROR')
  if (result !== undefined && result !== null && result !== 'VALID' && result !== 'INVALID')
    throw malformed('result must be VALID, INVALID or null')
  if (reasonCode !== undefined && reasonCode !== null && typeof reasonCode !== 'string')
    throw malformed('reasonCode must be a string')
  const callback = {
    submissionId,
    status,
    result: result ?? null,
    reasonCode: reasonCode ?? null,
  } as const
  return { ...callback, eventId: eventIdOf('iab', callback) }
}
