import { checkAnswers, type Answers, type Flow, type Step } from '@veriflow/schema'
import type { Kysely } from 'kysely'
import { randomToken, sha256 } from '../../common/auth/tokens.ts'
import type { Config } from '../../common/config/config.ts'
import type { SecretBox } from '../../common/crypto/secret-box.ts'
import type { DB } from '../../common/db/tables.ts'
import {
  BadRequestError,
  ConflictError,
  GoneError,
  NotFoundError,
  ValidationError,
  type ErrorEntry,
} from '../../common/errors/app-error.ts'
import { runnerUrl } from '../../providers/sandbox/sandbox.adapter.ts'
import type { RunnerTokens } from '../../providers/sandbox/runner-token.ts'
import { sessionDocument } from '../sessions/session-document.ts'
import { listMedia, type MediaRow } from '../sessions/session-media.ts'
import type { RunnerState } from '../sessions/session-state.ts'
import { completeSession, recordSessionEvent } from '../sessions/session-lifecycle.ts'
import { recordStepReached } from '../sessions/step-reached.ts'
import type { OtpSender } from './otp-sender.ts'
import * as repo from './runner.repository.ts'
import {
  alreadyCompleted,
  assertClaim,
  assertOpen,
  isExpired,
  resolveLink,
  sessionExpired,
  type RunnerSession,
} from './runner-access.ts'
import { storeCapture } from './runner-media.ts'
import { END_USER, RunnerOtp } from './runner-otp.ts'
import {
  contactChannelOf,
  normaliseContact,
  runnableSteps,
  stepProblems,
  type MediaKind,
} from './runner-steps.ts'
import { completionOf, runnerView, type Completion, type RunnerView } from './runner-view.ts'

/** How long a QR hand-off link can be claimed. */
export const HANDOFF_TTL_MS = 10 * 60_000

export interface RunnerDeps {
  db: Kysely<DB>
  config: Pick<Config, 'publicUrl' | 'port'>
  secretBox: SecretBox
  tokens: RunnerTokens
  otpSender: OtpSender
  now?: () => Date
}

/** A request of the runner page: its link token and the claim secret it holds. */
export interface RunnerCall {
  token: string
  claim: string | undefined
}

/** What a claim answers: the secret to keep in sessionStorage, and the session. */
export interface Claimed {
  claim: string
  runner: RunnerView
}

/** The answers body of a step: questionnaire answers, or a phone number / email address. */
export interface StepAnswersInput {
  answers?: unknown
  value?: string
}

/**
 * The sandbox runner's API behind the `/r/<token>` pages. Every call names its session by a
 * signed link and (after the claim) proves its browser with the claim secret. Mutations lock the
 * session row, so a double click cannot complete twice or lose an answer.
 */
export class RunnerService {
  private readonly now: () => Date
  private readonly otp: RunnerOtp

  constructor(private readonly deps: RunnerDeps) {
    this.now = deps.now ?? (() => new Date())
    this.otp = new RunnerOtp({
      db: deps.db,
      sender: deps.otpSender,
      hashKey: deps.secretBox.deriveKey('veriflow otp codes v1'),
      now: this.now,
    })
  }

  /** The first open of the launch link: binds the session to this browser, once. */
  async claim(token: string): Promise<Claimed> {
    const session = await resolveLink(this.deps.db, this.deps.tokens, token, {
      purposes: ['launch'],
    })
    assertOpen(session.row, this.now())
    const claim = randomToken()
    await this.deps.db.transaction().execute(async (trx) => {
      if (!(await repo.claimSession(trx, session.row.id, sha256(claim))))
        throw new ConflictError(
          'SESSION_ALREADY_CLAIMED',
          'this session is already open in another browser',
        )
      await recordSessionEvent(trx, session.row.id, 'session.started', {}, END_USER)
      // Starting shows the first step: the funnel counts it as reached.
      const first = runnableSteps(await sessionDocument(trx, session.row))[0]
      if (first) await recordStepReached(trx, session.row.id, first.id, END_USER)
    })
    return { claim, runner: await this.view({ token, claim }) }
  }

  /** The phone's first open of a QR hand-off link: the same session, once. */
  async claimContinuation(token: string): Promise<Claimed> {
    const claim = randomToken()
    await this.deps.db.transaction().execute(async (trx) => {
      const session = await resolveLink(trx, this.deps.tokens, token, {
        purposes: ['continue'],
        forUpdate: true,
      })
      assertOpen(session.row, this.now())
      const handoff = session.state.handoff!
      if (handoff.claimHash)
        throw new ConflictError('HANDOFF_ALREADY_CLAIMED', 'this link has already been used')
      if (new Date(handoff.expiresAt).getTime() <= this.now().getTime())
        throw new GoneError('HANDOFF_EXPIRED', 'this link has expired; make a new QR code')
      const state: RunnerState = {
        ...session.state,
        handoff: { ...handoff, claimHash: sha256(claim), claimedAt: this.now().toISOString() },
      }
      await repo.saveRunnerState(trx, session.row.id, state)
      await recordSessionEvent(trx, session.row.id, 'handoff.claimed', {}, END_USER)
    })
    return { claim, runner: await this.view({ token, claim }) }
  }

  /** The session as the page renders it (also after completion, so a reload shows the end). */
  async view(call: RunnerCall): Promise<RunnerView> {
    const session = await resolveLink(this.deps.db, this.deps.tokens, call.token)
    if (isExpired(session.row, this.now())) throw sessionExpired()
    assertClaim(session, call.claim)
    const flow = await sessionDocument(this.deps.db, session.row)
    const [media, challenges] = await Promise.all([
      listMedia(this.deps.db, session.row.id),
      repo.latestChallenges(this.deps.db, session.row.id),
    ])
    return runnerView(session, flow, media, challenges)
  }

  /** Saves a step: questionnaire answers (checked with the shared evaluator) or a contact value. */
  async saveStep(call: RunnerCall, stepId: string, input: StepAnswersInput): Promise<RunnerView> {
    await this.mutate(call, async (trx, session, flow) => {
      const step = this.stepOf(flow, stepId)
      await recordStepReached(trx, session.row.id, step.id, END_USER)
      const channel = contactChannelOf(step)
      let answers = session.row.answers as Record<string, Answers>
      let state = session.state
      if (step.type === 'user-questionnaire') {
        const check = checkAnswers(step.questions, input.answers ?? {})
        if (!check.valid)
          throw new ValidationError(
            check.issues.map((issue) => ({
              path: `/answers${issue.path}`,
              code: issue.code,
              message: issue.message,
            })),
          )
        answers = { ...answers, [step.id]: { ...check.answers } }
      } else if (channel) {
        state = this.withContact(state, step.id, channel, input.value)
      } else
        throw new BadRequestError(
          'STEP_HAS_NO_ANSWERS',
          `a ${step.type} step takes captures, not answers`,
        )
      state = { ...state, currentStepId: this.nextStepId(flow, step.id) }
      await repo.saveAnswers(trx, session.row.id, answers, state)
      await recordSessionEvent(trx, session.row.id, 'answers.saved', { stepId }, END_USER)
    })
    return this.view(call)
  }

  /** Remembers the step the page shows, so a reload resumes there. */
  async saveProgress(call: RunnerCall, currentStepId: string): Promise<RunnerView> {
    await this.mutate(call, async (trx, session, flow) => {
      this.stepOf(flow, currentStepId, '/currentStepId')
      await recordStepReached(trx, session.row.id, currentStepId, END_USER)
      await repo.saveRunnerState(trx, session.row.id, { ...session.state, currentStepId })
    })
    return this.view(call)
  }

  /** Stores one capture (raw image bytes, type checked by content, sealed at rest). */
  async upload(call: RunnerCall, stepId: string, kind: MediaKind, body: unknown) {
    return this.mutate(call, async (trx, session, flow) => {
      const step = this.stepOf(flow, stepId)
      await recordStepReached(trx, session.row.id, step.id, END_USER)
      return storeCapture(trx, this.deps.secretBox, session, step, kind, body)
    })
  }

  /** Sends a one-time code to the step's phone or email (a new value may come with it). */
  async requestOtp(call: RunnerCall, stepId: string, value: string | undefined) {
    return this.mutate(call, async (trx, session, flow) => {
      const step = this.stepOf(flow, stepId)
      const channel = contactChannelOf(step)
      if (!channel)
        throw new BadRequestError('STEP_HAS_NO_OTP', `a ${step.type} step has no one-time code`)
      await recordStepReached(trx, session.row.id, step.id, END_USER)
      let state = session.state
      if (value !== undefined) {
        state = this.withContact(state, step.id, channel, value)
        await repo.saveRunnerState(trx, session.row.id, state)
      }
      const contact = state.contacts?.[step.id]
      if (!contact)
        throw new BadRequestError('CONTACT_REQUIRED', 'give the number or address first', '/value')
      return this.otp.send(trx, { ...session, state }, step.id, contact)
    })
  }

  /** Checks a one-time code; five wrong tries lock the code. */
  async verifyOtp(call: RunnerCall, stepId: string, code: string): Promise<RunnerView> {
    const session = await resolveLink(this.deps.db, this.deps.tokens, call.token)
    assertOpen(session.row, this.now())
    assertClaim(session, call.claim)
    const flow = await sessionDocument(this.deps.db, session.row)
    const step = this.stepOf(flow, stepId)
    if (!contactChannelOf(step))
      throw new BadRequestError('STEP_HAS_NO_OTP', `a ${step.type} step has no one-time code`)
    await this.otp.verify(session, step.id, code)
    return this.view(call)
  }

  /**
   * Finishes the session: every questionnaire is checked again server-side (hidden answers
   * dropped, visible mandatory ones required), and the captures and codes the flags ask for must
   * be there. Outcome `review_needed`: the sandbox verifies nothing by itself.
   */
  async complete(call: RunnerCall): Promise<Completion> {
    return this.mutate(call, async (trx, session, flow) => {
      const answers = session.row.answers as Record<string, Answers>
      const media = await listMedia(trx, session.row.id)
      const problems: ErrorEntry[] = []
      const accepted: Record<string, Answers> = {}
      for (const step of runnableSteps(flow)) {
        problems.push(
          ...stepProblems(step, {
            answers: answers[step.id],
            contact: session.state.contacts?.[step.id],
            mediaKinds: media.filter((m) => m.step_id === step.id).map((m) => m.kind as MediaKind),
          }),
        )
        if (step.type === 'user-questionnaire')
          accepted[step.id] = { ...checkAnswers(step.questions, answers[step.id] ?? {}).answers }
      }
      if (problems.length > 0) throw new ValidationError(problems)
      await trx
        .updateTable('sessions')
        .set({ answers: JSON.stringify(accepted), status: 'submitted', submitted_at: this.now() })
        .where('id', '=', session.row.id)
        .execute()
      await recordSessionEvent(trx, session.row.id, 'session.submitted', {}, END_USER)
      const completed = await completeSession(trx, session.row.id, {
        outcome: 'review_needed',
        result: this.summaryOf(flow, session.state, media),
        source: 'runner',
      })
      if (!completed) throw alreadyCompleted()
      return completionOf(completed)
    })
  }

  /** Makes a one-time continuation link for the QR hand-off (the desktop keeps its claim). */
  async handoff(call: RunnerCall): Promise<{ url: string; expiresAt: string }> {
    return this.mutate(call, async (trx, session, flow) => {
      const settings = flow.settings ?? {}
      const offered =
        settings.qr?.allow === true ||
        settings.qr?.force === true ||
        settings.skipDesktop === true ||
        settings.optionalContinueOnAnotherDevice === true
      if (!offered || settings.restrictUrlSharing === true)
        throw new ConflictError('HANDOFF_NOT_ALLOWED', 'this flow does not allow another device')
      if (session.device !== 'launch')
        throw new ConflictError('HANDOFF_NOT_ALLOWED', 'continue on the device you handed off to')
      const expiresAt = new Date(
        Math.min(this.now().getTime() + HANDOFF_TTL_MS, session.row.expires_at.getTime()),
      )
      const token = this.deps.tokens.issue('continue', session.row.id, expiresAt)
      const state: RunnerState = {
        ...session.state,
        handoff: {
          tokenHash: sha256(token),
          createdAt: this.now().toISOString(),
          expiresAt: expiresAt.toISOString(),
        },
      }
      await repo.saveRunnerState(trx, session.row.id, state)
      await recordSessionEvent(trx, session.row.id, 'handoff.created', {}, END_USER)
      return { url: runnerUrl(this.deps.config, token, true), expiresAt: expiresAt.toISOString() }
    })
  }

  /** Runs `work` on the locked, open, claimed session of the call. */
  private mutate<T>(
    call: RunnerCall,
    work: (trx: Kysely<DB>, session: RunnerSession, flow: Flow) => Promise<T>,
  ): Promise<T> {
    return this.deps.db.transaction().execute(async (trx) => {
      const session = await resolveLink(trx, this.deps.tokens, call.token, { forUpdate: true })
      assertOpen(session.row, this.now())
      assertClaim(session, call.claim)
      return work(trx, session, await sessionDocument(trx, session.row))
    })
  }

  private stepOf(flow: Flow, stepId: string, path?: string): Step {
    const step = runnableSteps(flow).find((s) => s.id === stepId)
    if (step) return step
    if (path) throw new BadRequestError('STEP_NOT_FOUND', 'the flow has no such step', path)
    throw new NotFoundError('step', 'STEP_NOT_FOUND')
  }

  private nextStepId(flow: Flow, stepId: string): string {
    const steps = runnableSteps(flow)
    const index = steps.findIndex((s) => s.id === stepId)
    return steps[index + 1]?.id ?? stepId
  }

  private withContact(
    state: RunnerState,
    stepId: string,
    channel: 'sms' | 'email',
    value: string | undefined,
  ): RunnerState {
    if (value === undefined || value.trim() === '') {
      const { [stepId]: _removed, ...contacts } = state.contacts ?? {}
      return { ...state, contacts }
    }
    const normalised = normaliseContact(channel, value)
    if (!normalised)
      throw new BadRequestError(
        'CONTACT_INVALID',
        channel === 'sms' ? 'give a phone number with its country code' : 'give an email address',
        '/value',
      )
    const current = state.contacts?.[stepId]
    const contact =
      current && current.value === normalised ? current : { channel, value: normalised }
    return { ...state, contacts: { ...state.contacts, [stepId]: contact } }
  }

  private summaryOf(flow: Flow, state: RunnerState, media: readonly MediaRow[]) {
    const captures: Record<string, number> = {}
    for (const m of media) captures[m.kind] = (captures[m.kind] ?? 0) + 1
    const verifiedContacts = Object.entries(state.contacts ?? {})
      .filter(([, contact]) => contact.verifiedAt)
      .map(([stepId, contact]) => ({ stepId, channel: contact.channel, value: contact.value }))
    return {
      provider: 'sandbox',
      verified: false,
      note: 'Sandbox session: answers and captures were collected; nothing was verified automatically.',
      steps: runnableSteps(flow).length,
      captures,
      verifiedContacts,
    }
  }
}
