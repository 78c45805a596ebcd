import type { Request, Response } from 'express'
import type { AppContext } from '../../common/context.ts'
import type { RouteDef } from '../../common/http/route.ts'
import { runnerTokensOf } from '../launches/launch-adapters.ts'
import { SandboxOtpSender, type OtpSender } from './otp-sender.ts'
import { CLAIM_HEADER } from './runner-access.ts'
import { mediaKindParam } from './runner-media.ts'
import {
  ClaimedResponse,
  CompletionResponse,
  HandoffResponse,
  MediaQuery,
  OtpRequestBody,
  OtpVerifyBody,
  ProgressBody,
  RunnerViewResponse,
  StepAnswersBody,
} from './runner.schemas.ts'
import { RunnerService, type RunnerCall } from './runner.service.ts'

export interface RunnerRoutesOptions {
  /** Delivers one-time codes. @default the sandbox sender (logs the code, shows it in review) */
  otpSender?: OtpSender
}

function callOf(req: Request): RunnerCall {
  return { token: String(req.params.token), claim: req.get(CLAIM_HEADER) || undefined }
}

function stepOf(req: Request): string {
  return String(req.params.stepId)
}

/**
 * `/runner/:token/…`: the sandbox runner pages' API. Public routes: the signed link names the
 * session, and the claim secret (`X-Runner-Claim`) proves the browser that opened it first.
 */
export function runnerRoutes(ctx: AppContext, options: RunnerRoutesOptions = {}): RouteDef[] {
  const runner = new RunnerService({
    ...ctx,
    tokens: runnerTokensOf(ctx),
    otpSender: options.otpSender ?? new SandboxOtpSender(ctx.logger),
  })
  const base = {
    access: 'public' as const,
    tag: 'runner',
    headers: [{ name: 'X-Runner-Claim', description: 'The claim secret (all but the claims)' }],
  }
  const send = (res: Response, data: unknown, status = 200) =>
    res.status(status).set('Cache-Control', 'no-store').json({ data })
  return [
    {
      ...base,
      method: 'post',
      path: '/runner/:token/claim',
      summary:
        'Open a launch link in this browser (once): returns the claim secret and the session',
      responses: { 200: { description: 'Claimed', schema: ClaimedResponse } },
      handler: async (req, res) => {
        send(res, await runner.claim(String(req.params.token)))
      },
    },
    {
      ...base,
      method: 'post',
      path: '/runner/continue/:token/claim',
      summary: 'Open a QR hand-off link on the phone (once): the same session, another claim',
      responses: { 200: { description: 'Claimed', schema: ClaimedResponse } },
      handler: async (req, res) => {
        send(res, await runner.claimContinuation(String(req.params.token)))
      },
    },
    {
      ...base,
      method: 'get',
      path: '/runner/:token',
      summary: 'The session for the runner page: flow, language, theme, progress, completion',
      responses: { 200: { description: 'The session', schema: RunnerViewResponse } },
      handler: async (req, res) => {
        send(res, await runner.view(callOf(req)))
      },
    },
    {
      ...base,
      method: 'put',
      path: '/runner/:token/progress',
      summary: 'Remember the step the page shows (a reload resumes there)',
      body: ProgressBody,
      responses: { 200: { description: 'The session', schema: RunnerViewResponse } },
      handler: async (req, res) => {
        const body = req.body as ProgressBody
        send(res, await runner.saveProgress(callOf(req), body.currentStepId))
      },
    },
    {
      ...base,
      method: 'put',
      path: '/runner/:token/steps/:stepId/answers',
      summary: 'Save a questionnaire’s answers (checked with the shared conditions) or a contact',
      body: StepAnswersBody,
      responses: { 200: { description: 'The session', schema: RunnerViewResponse } },
      handler: async (req, res) => {
        send(res, await runner.saveStep(callOf(req), stepOf(req), req.body as StepAnswersBody))
      },
    },
    {
      ...base,
      method: 'post',
      path: '/runner/:token/steps/:stepId/media',
      summary: 'Upload one capture as the raw body (JPEG, PNG or WebP by content; at most 8 MB)',
      query: MediaQuery,
      responses: {
        201: { description: 'The capture (no bytes)' },
        413: { description: 'MEDIA_TOO_LARGE' },
        415: { description: 'MEDIA_TYPE_INVALID: the bytes are not a JPEG, PNG or WebP image' },
      },
      handler: async (req, res) => {
        const kind = mediaKindParam((req.query as MediaQuery).kind)
        send(res, await runner.upload(callOf(req), stepOf(req), kind, req.body), 201)
      },
    },
    {
      ...base,
      method: 'post',
      path: '/runner/:token/steps/:stepId/otp',
      summary: 'Send a one-time code to the step’s phone or email (30 s between sends)',
      body: OtpRequestBody,
      responses: { 200: { description: 'The code’s state (never the code)' } },
      handler: async (req, res) => {
        const body = (req.body ?? {}) as OtpRequestBody
        send(res, await runner.requestOtp(callOf(req), stepOf(req), body.value))
      },
    },
    {
      ...base,
      method: 'post',
      path: '/runner/:token/steps/:stepId/otp/verify',
      summary: 'Check a one-time code (five wrong codes lock it)',
      body: OtpVerifyBody,
      responses: { 200: { description: 'The session', schema: RunnerViewResponse } },
      handler: async (req, res) => {
        const body = req.body as OtpVerifyBody
        send(res, await runner.verifyOtp(callOf(req), stepOf(req), body.code))
      },
    },
    {
      ...base,
      method: 'post',
      path: '/runner/:token/complete',
      summary: 'Finish the session (once): where to send the user, or whom to postMessage',
      responses: { 200: { description: 'Completed', schema: CompletionResponse } },
      handler: async (req, res) => {
        send(res, await runner.complete(callOf(req)))
      },
    },
    {
      ...base,
      method: 'post',
      path: '/runner/:token/handoff',
      summary: 'Make a one-time link to continue this session on a phone (QR hand-off)',
      responses: { 201: { description: 'The link', schema: HandoffResponse } },
      handler: async (req, res) => {
        send(res, await runner.handoff(callOf(req)), 201)
      },
    },
  ]
}
