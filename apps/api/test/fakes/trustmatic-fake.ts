import type { Request, Response } from 'express'
import {
  FakeServer,
  UUID,
  isAbsoluteUrl,
  isObject,
  jsonBody,
  sendMalformed,
} from './fake-server.ts'

export const RESULT_PATH = '/api/v1/results'

export interface TrustmaticFakeOptions {
  username: string
  password: string
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

/** A JWT shaped like the documented examples: { sessionId, tenant, nbf, exp = nbf + 3600 }. */
export function fakeJwt(sessionId: string, nbf = Math.floor(Date.now() / 1000)): string {
  return [
    base64url({ alg: 'HS256', typ: 'JWT' }),
    base64url({ sessionId, tenant: 'root', nbf, exp: nbf + 3600 }),
    'c2lnbmF0dXJl',
  ].join('.')
}

/** Answers `{ hasError: true, error }`, the shape of Trustmatic's documented errors. */
function error(res: Response, status: number, code: string): void {
  res.status(status).json({ hasError: true, error: code })
}

const KNOWN_FIELDS = [
  'sessionId',
  'returnUrl',
  'externalId',
  'skipIntegrityCheck',
  'applicantForm',
  'WebEnrolmentTheme',
]

/**
 * Trustmatic web enrolment `initialize` (HTTP Basic with padding; sessionId GUID, returnUrl,
 * externalId ≤ 512, skipIntegrityCheck boolean) and, for the configurable result path, a result
 * endpoint that takes the session's access token.
 */
export class TrustmaticFake extends FakeServer {
  /** `opaque` issues access tokens that are not JWTs (expiry then has to be inferred). */
  tokens: 'jwt' | 'opaque' = 'jwt'
  /** A query string already on webEnrolmentUrl besides the token (to check we append well). */
  extraQuery = ''
  decision: 'HIGH' | 'MEDIUM' | 'LOW' = 'HIGH'
  readonly sessions = new Map<string, { accessToken: string; body: Record<string, unknown> }>()

  constructor(readonly options: TrustmaticFakeOptions) {
    super()
    this.app.post('/api/v1/enrolment/initialize', (req, res) => this.initialize(req, res))
    this.app.get(`${RESULT_PATH}/:sessionId`, (req, res) => this.result(req, res))
  }

  override reset(): void {
    super.reset()
    this.tokens = 'jwt'
    this.extraQuery = ''
    this.decision = 'HIGH'
    this.sessions.clear()
  }

  private async initialize(req: Request, res: Response): Promise<void> {
    const mode = this.take('initialize')
    if (mode === 'slow') await this.slow()
    if (mode === '5xx') return error(res, 500, 'INTERNAL_ERROR')
    const expected = `Basic ${Buffer.from(`${this.options.username}:${this.options.password}`).toString('base64')}`
    if (mode === '401' || req.headers.authorization !== expected)
      return error(res, 401, 'SESSION_UNAUTHORIZED')
    if (!req.is('application/json')) return error(res, 400, 'INVALID_REQUEST')
    const body = jsonBody(req)
    if (!isObject(body)) return error(res, 400, 'INVALID_REQUEST')
    if (typeof body.sessionId !== 'string' || !UUID.test(body.sessionId))
      return error(res, 400, 'INVALID_SESSION_ID')
    if (!isAbsoluteUrl(body.returnUrl)) return error(res, 400, 'INVALID_RETURN_URL')
    if (
      body.externalId !== undefined &&
      (typeof body.externalId !== 'string' || body.externalId.length > 512)
    )
      return error(res, 400, 'INVALID_EXTERNAL_ID')
    if (body.skipIntegrityCheck !== undefined && typeof body.skipIntegrityCheck !== 'boolean')
      return error(res, 400, 'INVALID_REQUEST')
    if (Object.keys(body).some((key) => !KNOWN_FIELDS.includes(key)))
      return error(res, 400, 'INVALID_REQUEST')
    if (mode === '4xx') return error(res, 400, 'SESSION_ALREADY_COMPLETED')
    if (mode === 'malformed') return sendMalformed(res)
    const accessToken = this.tokens === 'jwt' ? fakeJwt(body.sessionId) : `opaque-${body.sessionId}`
    this.sessions.set(body.sessionId, { accessToken, body })
    res.json({
      accessToken,
      sessionId: body.sessionId,
      webEnrolmentUrl: `${this.url}/web-enrolment/?token=${accessToken}${this.extraQuery}`,
    })
  }

  private async result(req: Request, res: Response): Promise<void> {
    const mode = this.take('result')
    if (mode === 'slow') await this.slow()
    if (mode === '5xx') return error(res, 500, 'INTERNAL_ERROR')
    const session = this.sessions.get(String(req.params.sessionId))
    if (!session || req.headers.authorization !== `Bearer ${session.accessToken}`)
      return error(res, 401, 'SESSION_UNAUTHORIZED')
    if (mode === 'malformed') return sendMalformed(res)
    res.json({ decision: this.decision })
  }
}
