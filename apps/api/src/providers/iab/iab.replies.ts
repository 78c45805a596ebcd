import { urlProblem } from '@veriflow/schema'
import { isRecord, malformed } from '../http/provider-http.ts'
import type { ProviderResult } from '../provider.types.ts'
import type { PartnerToken } from './iab.token-cache.ts'

/** The documented default token validity (providers.md §1.4), used when no expiry is readable. */
const DEFAULT_TOKEN_TTL_S = 1800

/** OneKYC's error envelope `{ success: false, errors: [{ code, cause }] }` → "110 UNAUTHORIZED". */
export function iabErrorCode(body: unknown): string | undefined {
  if (!isRecord(body) || !Array.isArray(body.errors)) return undefined
  const first: unknown = body.errors[0]
  if (!isRecord(first)) return undefined
  const parts = [first.code, first.cause].filter(
    (part) => typeof part === 'string' || typeof part === 'number',
  )
  return parts.length > 0 ? parts.join(' ') : undefined
}

function numeric(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined
}

/**
 * `{ success: true, data: { token, expiry_seconds, expires_at } }` (both numbers as strings).
 * `expires_at` is a unix epoch (seconds; milliseconds are recognised too).
 */
export function parsePartnerToken(body: unknown, now: number): PartnerToken {
  const data = isRecord(body) && body.success === true ? body.data : undefined
  if (!isRecord(data) || typeof data.token !== 'string' || data.token === '')
    throw malformed('iab', 'partner token', 'expected { success: true, data: { token, … } }')
  const epoch = numeric(data.expires_at)
  const seconds = numeric(data.expiry_seconds)
  const expiresAt =
    epoch !== undefined
      ? epoch > 1e12
        ? epoch
        : epoch * 1000
      : now + (seconds ?? DEFAULT_TOKEN_TTL_S) * 1000
  return { token: data.token, expiresAt: new Date(expiresAt) }
}

/** A field of an answer whose envelope is undocumented: at the top level or under `data`. */
function field(body: Record<string, unknown>, name: string): unknown {
  if (body[name] !== undefined) return body[name]
  return isRecord(body.data) ? body.data[name] : undefined
}

function stringField(body: Record<string, unknown>, name: string): string | null {
  const value = field(body, name)
  return typeof value === 'string' && value !== '' ? value : null
}

/** The launch URL of an Initiate Flow answer: `launchUrl` or `data.launchUrl` (envelope unknown). */
export function parseLaunchUrl(body: unknown): string {
  const url = isRecord(body) ? stringField(body, 'launchUrl') : null
  if (url === null)
    throw malformed('iab', 'Initiate Flow', 'no launchUrl (looked at launchUrl and data.launchUrl)')
  const problem = urlProblem(url)
  if (problem) throw malformed('iab', 'Initiate Flow', `the launchUrl ${problem}`)
  return url
}

/**
 * A submission id, when an answer happens to carry one (`submissionId`, named after the
 * callback's field; whether Initiate Flow or Get Submission Details return it is undocumented).
 */
export function submissionIdOf(body: unknown): string | null {
  return isRecord(body) ? stringField(body, 'submissionId') : null
}

/**
 * Get Submission Details, whose 200 schema is undocumented: `result` VALID → passed, INVALID →
 * failed (final); anything else is not final. `reasonCode` is kept for review; a `submissionId`
 * becomes the result's providerRef (the id OneKYC's callbacks name the session by).
 */
export function iabResult(body: unknown): ProviderResult {
  if (!isRecord(body)) throw malformed('iab', 'Get Submission Details', 'expected a JSON object')
  const result = stringField(body, 'result')
  const outcome = result === 'VALID' ? 'passed' : result === 'INVALID' ? 'failed' : null
  const submissionId = submissionIdOf(body)
  return {
    final: outcome !== null,
    outcome,
    summary: {
      result,
      reasonCode: stringField(body, 'reasonCode'),
      ...(submissionId ? { submissionId } : {}),
    },
    raw: body,
    ...(submissionId ? { providerRef: submissionId } : {}),
  }
}
