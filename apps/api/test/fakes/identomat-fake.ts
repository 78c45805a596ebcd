import { createHmac, randomBytes } from 'node:crypto'
import type { Request, Response } from 'express'
import { FakeServer, isObject, jsonBody, sendMalformed, type FakeMode } from './fake-server.ts'

export interface IdentomatFakeOptions {
  companyKey: string
  /** When set, requests must be signed and answers are signed (providers.md §3.2). */
  secretKey?: string
}

/** How successful answers are signed, when a secret key is set. */
export type SigningMode = 'signed' | 'unsigned' | 'bad-signature'

/** The documented example result (api reference), trimmed. */
export const APPROVED_RESULT = {
  result: 'approved',
  similarity: 0.93,
  live: true,
  document_type: 'id',
  reject_reason: { value: '', description: '' },
  result_comment: '',
  name: 'NINO KAPANADZE',
  face_images: 2,
  person: {
    first_name: 'NINO',
    last_name: 'KAPANADZE',
    birthday: '1990-04-12',
    citizenship: 'GEO',
    nationality: 'GEO',
    sex: 'F',
    document_number: '12AB34567',
    document_expires: '2031-01-01',
    personal_number: '01001012345',
    status: 'OK',
  },
  questionnaires: [{ key: 'source_of_funds', questions: [{ key: 'salary', answer: 'yes' }] }],
  technicalDetails: { remoteAddress: '203.0.113.9', userAgent: 'test', countryCode: 'GE' },
}

function hmac(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('base64')
}

/**
 * Identomat's `begin` and `result` (external-api), checking what the docs say a request holds:
 * JSON, the company key, flags + steps (or config_id), unique step keys, no placeholders, and —
 * with a secret key — `Authorization: signature="base64(HMAC-SHA256(secret, body))"`.
 * Identomat's error bodies are undocumented; the fake answers `{ argumentError }` as public code
 * expects from its image endpoints.
 */
export class IdentomatFake extends FakeServer {
  signing: SigningMode = 'signed'
  /** What `result` answers for a known session token. */
  result: Record<string, unknown> = APPROVED_RESULT
  readonly tokens = new Set<string>()
  /** The bodies `begin` accepted. */
  readonly begun: Array<Record<string, unknown>> = []

  constructor(readonly options: IdentomatFakeOptions) {
    super()
    this.app.post('/external-api/begin/', (req, res) => this.begin(req, res))
    this.app.post('/external-api/result/', (req, res) => this.resultOf(req, res))
  }

  override reset(): void {
    super.reset()
    this.begun.length = 0
    this.signing = 'signed'
    this.result = APPROVED_RESULT
  }

  private send(res: Response, status: number, body: unknown): void {
    const text = JSON.stringify(body)
    const secret = this.options.secretKey
    // Unsuccessful answers carry no signature (providers.md §3.2).
    if (secret && status < 300 && this.signing !== 'unsigned')
      res.set(
        'authorization',
        `signature="${this.signing === 'bad-signature' ? hmac('wrong', text) : hmac(secret, text)}"`,
      )
    res.status(status).type('application/json').send(text)
  }

  /** The checks every call shares; answers and returns undefined when the request is refused. */
  private checked(
    req: Request,
    res: Response,
    mode: FakeMode,
  ): Record<string, unknown> | undefined {
    if (mode === '5xx') return void this.send(res, 503, { argumentError: 'service unavailable' })
    if (!req.is('application/json'))
      return void this.send(res, 400, { argumentError: 'expected a JSON body' })
    const body = jsonBody(req)
    if (!isObject(body))
      return void this.send(res, 400, { argumentError: 'expected a JSON object' })
    if (mode === '401' || body.company_key !== this.options.companyKey)
      return void this.send(res, 401, { argumentError: 'invalid company_key' })
    const secret = this.options.secretKey
    if (secret && req.headers.authorization !== `signature="${hmac(secret, req.body as Buffer)}"`)
      return void this.send(res, 401, { argumentError: 'invalid signature' })
    if (mode === '4xx') return void this.send(res, 400, { argumentError: 'steps' })
    return body
  }

  private async begin(req: Request, res: Response): Promise<void> {
    const mode = this.take('begin')
    if (mode === 'slow') await this.slow()
    const body = this.checked(req, res, mode)
    if (!body) return
    const problem = beginProblem(body)
    if (problem) return this.send(res, 400, { argumentError: problem })
    if (mode === 'malformed') return sendMalformed(res)
    const token = randomBytes(20).toString('hex')
    this.tokens.add(token)
    this.begun.push(body)
    this.send(res, 200, token)
  }

  private async resultOf(req: Request, res: Response): Promise<void> {
    const mode = this.take('result')
    if (mode === 'slow') await this.slow()
    const body = this.checked(req, res, mode)
    if (!body) return
    if (typeof body.session_token !== 'string' || !this.tokens.has(body.session_token))
      return this.send(res, 400, { argumentError: 'session_token' })
    if (mode === 'malformed') return sendMalformed(res)
    this.send(res, 200, this.result)
  }
}

function beginProblem(body: Record<string, unknown>): string | undefined {
  const hasSteps = isObject(body.flags) && Array.isArray(body.steps)
  if (!hasSteps && typeof body.config_id !== 'string') return 'flags and steps, or config_id'
  if (JSON.stringify(body).includes('"<')) return 'a placeholder was sent'
  const steps = Array.isArray(body.steps) ? body.steps : []
  const keys = new Set<string>()
  for (const step of steps) {
    if (!isObject(step) || typeof step.type !== 'string' || typeof step.key !== 'string')
      return 'steps[].type and key'
    if (keys.has(step.key)) return `duplicate step key ${step.key}`
    keys.add(step.key)
  }
  const flags = isObject(body.flags) ? body.flags : {}
  if (flags.return_url !== undefined && typeof flags.return_url !== 'string') return 'return_url'
  return undefined
}
