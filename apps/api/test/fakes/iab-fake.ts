import { randomUUID } from 'node:crypto'
import type { Request, Response } from 'express'
import {
  FakeServer,
  UUID,
  isAbsoluteUrl,
  isObject,
  jsonBody,
  sendMalformed,
} from './fake-server.ts'

export const TOKEN_PATH = '/v1/esign/partner/authentication'

export interface IabFakeOptions {
  clientId: string
  passKey: string
  onboardingPartner: string
  /** Lifetime of issued partner tokens. @default 1800 */
  tokenTtlSeconds?: number
}

interface Submission {
  submissionId: string
  partnerSessionId: string
  userId: string
  userIdType: string
  result: 'VALID' | 'INVALID' | null
  reasonCode: string
}

/** Where Initiate Flow puts the launch URL (the envelope is undocumented). */
export type LaunchEnvelope = 'top' | 'data' | 'none'

function error(res: Response, status: number, code: string, cause: string): void {
  res.status(status).json({ success: false, errors: [{ code, cause }] })
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * GoPay OneKYC (IAB): the partner token (Esign contract), Initiate Flow and Get Submission
 * Details, checking every documented header and body field and answering in the documented
 * error envelope `{ success: false, errors: [{ code, cause }] }` with the documented codes.
 */
export class IabFake extends FakeServer {
  envelope: LaunchEnvelope = 'data'
  /**
   * Accept Get Submission Details with only the token, onboarding partner and x-submission-id
   * (as the older `get_coe-v1-submissions` page shows); the current page requires the user headers.
   */
  submissionIdLookup = false
  /** When set, new submissions get this verdict at once (else null = still processing). */
  verdict: 'VALID' | 'INVALID' | null = 'VALID'
  readonly validTokens = new Set<string>()
  readonly submissions = new Map<string, Submission>()
  readonly initiated: Array<{
    headers: Record<string, string | undefined>
    body: Record<string, unknown>
  }> = []

  constructor(readonly options: IabFakeOptions) {
    super()
    this.app.get(TOKEN_PATH, (req, res) => this.token(req, res))
    this.app.post('/coe-partner/v1/initiate-flow', (req, res) => this.initiate(req, res))
    this.app.get('/coe-partner/v1/submissions', (req, res) => this.details(req, res))
  }

  override reset(): void {
    super.reset()
    this.initiated.length = 0
    this.submissions.clear()
    this.envelope = 'data'
    this.submissionIdLookup = false
    this.verdict = 'VALID'
  }

  /** Every token issued so far stops working (as if expired at IAB). */
  expireTokens(): void {
    this.validTokens.clear()
  }

  private async token(req: Request, res: Response): Promise<void> {
    const mode = this.take('token')
    if (mode === 'slow') await this.slow()
    if (mode === '5xx') return error(res, 500, '900', 'GENERIC_SERVICE_ERROR')
    const clientId = header(req, 'client-id')
    const passKey = header(req, 'pass-key')
    if (!clientId) return error(res, 400, '1650', 'MISSING_CLIENT_ID')
    if (!passKey) return error(res, 400, '1650', 'MISSING_PASS_KEY')
    if (mode === '401' || clientId !== this.options.clientId || passKey !== this.options.passKey)
      return error(res, 401, '110', 'UNAUTHORIZED')
    if (mode === 'malformed') return sendMalformed(res)
    const token = `partner-token-${randomUUID()}`
    this.validTokens.add(token)
    const ttl = this.options.tokenTtlSeconds ?? 1800
    res.json({
      success: true,
      data: {
        token,
        expiry_seconds: String(ttl),
        expires_at: String(Math.floor(Date.now() / 1000) + ttl),
      },
    })
  }

  /** Token and onboarding partner; answers and returns false when refused. */
  private authorised(req: Request, res: Response, mode: string): boolean {
    if (mode === '5xx') return (void error(res, 500, '900', 'GENERIC_SERVICE_ERROR'), false)
    const token = header(req, 'x-onekyc-token')
    if (mode === '401' || !token || !this.validTokens.has(token))
      return (void error(res, 401, '110', 'UNAUTHORIZED'), false)
    if (header(req, 'x-onboarding-partner') !== this.options.onboardingPartner)
      return (void error(res, 403, '110', 'ONBOARDING_PARTNER_DOES_NOT_BELONG_TO_CLIENT'), false)
    return true
  }

  private async initiate(req: Request, res: Response): Promise<void> {
    const mode = this.take('initiate')
    if (mode === 'slow') await this.slow()
    if (!this.authorised(req, res, mode)) return
    const userId = header(req, 'x-partner-user-id')
    const userIdType = header(req, 'x-partner-user-id-type')
    const sessionId = header(req, 'x-partner-session-id')
    if (!userId) return error(res, 400, '1539', 'PARTNER_USER_ID_CAN_NOT_BE_EMPTY')
    if (!userIdType) return error(res, 400, '1539', 'PARTNER_USER_ID_TYPE_CAN_NOT_BE_EMPTY')
    if (!sessionId || !UUID.test(sessionId))
      return error(res, 400, '1539', 'PARTNER_SESSION_ID_CAN_NOT_BE_EMPTY')
    if (!req.is('application/json')) return error(res, 400, '1539', 'INVALID_REQUEST')
    const body = jsonBody(req)
    const problem = initiateProblem(body)
    if (problem) return error(res, 400, '1539', problem)
    if (mode === '4xx') return error(res, 400, '1539', 'FLOW_NOT_ALLOWED')
    if (mode === 'malformed') return sendMalformed(res)
    this.initiated.push({
      headers: { userId, userIdType, sessionId },
      body: body as Record<string, unknown>,
    })
    const submissionId = randomUUID()
    this.submissions.set(sessionId, {
      submissionId,
      partnerSessionId: sessionId,
      userId,
      userIdType,
      result: this.verdict,
      reasonCode: this.verdict === 'INVALID' ? 'FACE_MISMATCH' : 'OK',
    })
    const launchUrl = `https://web.onekyc.test/flow?token=${randomUUID()}`
    if (this.envelope === 'top') res.json({ launchUrl })
    else if (this.envelope === 'data') res.json({ success: true, data: { launchUrl } })
    else res.json({ success: true, data: {} })
  }

  private async details(req: Request, res: Response): Promise<void> {
    const mode = this.take('submissions')
    if (mode === 'slow') await this.slow()
    if (!this.authorised(req, res, mode)) return
    const userId = header(req, 'x-partner-user-id')
    const userIdType = header(req, 'x-partner-user-id-type')
    const sessionId = header(req, 'x-partner-session-id')
    const submissionId = header(req, 'x-submission-id')
    const bySubmissionOnly = this.submissionIdLookup && submissionId && !sessionId
    if (!bySubmissionOnly) {
      if (!userId) return error(res, 400, '1550', 'PARTNER_USER_ID_CAN_NOT_BE_EMPTY')
      if (!userIdType) return error(res, 400, '1550', 'PARTNER_USER_ID_TYPE_CAN_NOT_BE_EMPTY')
    }
    if (!sessionId && !submissionId)
      return error(res, 400, '1550', 'PARTNER_SESSION_ID_CAN_NOT_BE_EMPTY')
    if (mode === '4xx') return error(res, 403, '903', 'FORBIDDEN')
    const submission = sessionId
      ? this.submissions.get(sessionId)
      : [...this.submissions.values()].find((s) => s.submissionId === submissionId)
    if (!submission) return error(res, 400, '1552', 'SUBMISSION_DOES_NOT_EXIST')
    if (!bySubmissionOnly && (submission.userId !== userId || submission.userIdType !== userIdType))
      return error(res, 400, '1553', 'PARTNER_SESSION_ID_DOES_NOT_BELONG_TO_THE_USER')
    if (mode === 'malformed') return sendMalformed(res)
    // The 200 body is undocumented: the fake answers in the common envelope.
    res.json({
      success: true,
      data: {
        submissionId: submission.submissionId,
        status: submission.result ? 'COMPLETED' : 'IN_PROGRESS',
        result: submission.result,
        reasonCode: submission.reasonCode,
      },
    })
  }
}

const THEMES = ['DARK_MODE', 'LIGHT_MODE', 'NO_PREFERENCE']

function initiateProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'INVALID_REQUEST'
  if (typeof body.flow !== 'string' || !/^[A-Z0-9_]+$/.test(body.flow)) return 'INVALID_FLOW'
  if (body.source !== 'WEB_SDK' && body.source !== 'SDK') return 'INVALID_SOURCE'
  if (body.source === 'WEB_SDK') {
    if (!isAbsoluteUrl(body.successRedirectionUrl)) return 'INVALID_SUCCESS_REDIRECTION_URL'
    if (!isAbsoluteUrl(body.failureRedirectionUrl)) return 'INVALID_FAILURE_REDIRECTION_URL'
  }
  if (body.theme !== undefined && !THEMES.includes(body.theme as string)) return 'INVALID_THEME'
  if (body.additionalDetails !== undefined) {
    if (!isObject(body.additionalDetails)) return 'INVALID_ADDITIONAL_DETAILS'
    for (const [name, value] of Object.entries(body.additionalDetails))
      if (!['portraitOnly', 'allowQr', 'forceQr'].includes(name) || typeof value !== 'boolean')
        return 'INVALID_ADDITIONAL_DETAILS'
  }
  return undefined
}
