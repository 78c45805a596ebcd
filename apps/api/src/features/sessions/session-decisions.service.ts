import { checkAnswers, pointer, type Answers } from '@veriflow/schema'
import { sql, type Kysely } from 'kysely'
import type { Actor } from '../../common/auth/principal.ts'
import { json, type DB } from '../../common/db/tables.ts'
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  ValidationError,
  type ErrorEntry,
} from '../../common/errors/app-error.ts'
import { readAppSettings } from '../app-settings/app-settings.service.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { enqueueWebhookEvent } from '../webhooks/webhook-outbox.ts'
import { sessionDocument } from './session-document.ts'
import { recordSessionEvent, sessionWebhookData } from './session-lifecycle.ts'
import { findSessionRow, type SessionRow } from './sessions.repository.ts'
import { pendingOf, sessionNotFound } from './sessions.service.ts'
import type {
  Decision,
  DecisionBody,
  DecisionState,
  OperatorAnswersBody,
  PendingDecision,
} from './sessions.schemas.ts'

/** Who decides, and whether they may override an earlier decision (admins). */
export interface Reviewer {
  actor: Actor
  isAdmin: boolean
}

/** Statuses in which the person being verified is still at work: nothing to decide yet. */
const UNFINISHED = ['created', 'started']

/** The same person across their console session and their API keys; the ADMIN_TOKEN is one too. */
function reviewerIdentity(actor: Actor): string {
  return actor.userId ?? `${actor.kind}:${actor.id ?? ''}`
}

function stateOf(row: SessionRow): DecisionState {
  return {
    sessionId: row.id,
    decision: row.decision,
    reason: row.decision_reason,
    decidedBy: row.decided_by_label,
    decidedAt: row.decided_at?.toISOString() ?? null,
    pendingDecision: pendingOf(row.pending_decision),
  }
}

/**
 * Decisions on sessions: approve, reject or request resubmission, with a reason for the last
 * two. With four-eyes on, a decision is a proposal until a different reviewer confirms it.
 * Every applied decision is one timeline event, one audit entry and one `session.decided`.
 */
export class SessionDecisionsService {
  constructor(private readonly deps: { db: Kysely<DB> }) {}

  async decide(sessionId: string, body: DecisionBody, reviewer: Reviewer): Promise<DecisionState> {
    const reason = body.reason?.trim() || null
    if (!reason && body.decision !== 'approved')
      throw new BadRequestError(
        'REASON_REQUIRED',
        'give a reason to reject or to request a resubmission',
        '/reason',
      )
    if (body.override && !reviewer.isAdmin)
      throw new ForbiddenError('only an admin may override a decision', 'OVERRIDE_ADMIN_ONLY')
    const { actor } = reviewer
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.lockDecidable(trx, sessionId, body.override === true)
      const { fourEyes } = await readAppSettings(trx)
      if (!fourEyes) return this.apply(trx, row, { decision: body.decision, reason }, actor)
      const pending: PendingDecision = {
        decision: body.decision,
        reason,
        override: body.override === true,
        proposedBy: { userId: actor.userId, label: actor.label },
        proposedAt: new Date().toISOString(),
      }
      const updated = await trx
        .updateTable('sessions')
        .set({
          pending_decision: json({ ...pending, proposedByIdentity: reviewerIdentity(actor) }),
          updated_at: sql`now()`,
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow()
      await recordSessionEvent(
        trx,
        row.id,
        'decision.proposed',
        { decision: body.decision, reason, override: pending.override },
        actor.label,
      )
      await recordAudit(trx, actor, {
        action: 'session.decision_proposed',
        targetType: 'session',
        targetId: row.id,
        summary: { decision: body.decision, reason, override: pending.override },
      })
      return stateOf(updated)
    })
  }

  /** Applies a pending four-eyes decision; the proposer (any of their credentials) may not. */
  async confirm(sessionId: string, reviewer: Reviewer): Promise<DecisionState> {
    const { actor } = reviewer
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await findSessionRow(trx, sessionId, { forUpdate: true })
      if (!row) throw sessionNotFound()
      const pending = row.pending_decision as
        (PendingDecision & { proposedByIdentity?: string }) | null
      if (!pending)
        throw new ConflictError('NO_PENDING_DECISION', 'there is no decision to confirm')
      if (pending.proposedByIdentity === reviewerIdentity(actor))
        throw new ForbiddenError(
          'a different reviewer must confirm this decision',
          'FOUR_EYES_SAME_REVIEWER',
        )
      if (row.decision !== null && !pending.override)
        throw new ConflictError('ALREADY_DECIDED', 'this session has already been decided')
      return this.apply(
        trx,
        row,
        { decision: pending.decision, reason: pending.reason ?? null },
        actor,
        pending,
      )
    })
  }

  /** Saves the reviewer's answers to the flow's operator questionnaire(s), checked like the runner's. */
  async saveOperatorAnswers(
    sessionId: string,
    body: OperatorAnswersBody,
    actor: Actor,
  ): Promise<Record<string, Answers>> {
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await findSessionRow(trx, sessionId, { forUpdate: true })
      if (!row) throw sessionNotFound()
      const flow = await sessionDocument(trx, row)
      const issues: ErrorEntry[] = []
      const saved = { ...((row.operator_answers ?? {}) as Record<string, Answers>) }
      for (const [stepId, submitted] of Object.entries(body.answers)) {
        const step = flow.steps.find((s) => s.id === stepId)
        if (step?.type !== 'operator-questionnaire') {
          issues.push({
            path: pointer('answers', stepId),
            code: 'OPERATOR_STEP_NOT_FOUND',
            message: 'the flow has no operator questionnaire with this id',
          })
          continue
        }
        const check = checkAnswers(step.questions, submitted)
        for (const issue of check.issues)
          issues.push({
            path: pointer('answers', stepId) + issue.path,
            code: issue.code,
            message: issue.message,
          })
        saved[stepId] = { ...check.answers }
      }
      if (issues.length > 0) throw new ValidationError(issues)
      await trx
        .updateTable('sessions')
        .set({ operator_answers: json(saved), updated_at: sql`now()` })
        .where('id', '=', row.id)
        .execute()
      const stepIds = Object.keys(body.answers)
      await recordSessionEvent(trx, row.id, 'operator_answers.saved', { stepIds }, actor.label)
      await recordAudit(trx, actor, {
        action: 'session.operator_answers_saved',
        targetType: 'session',
        targetId: row.id,
        summary: { stepIds },
      })
      return saved
    })
  }

  private async lockDecidable(trx: Kysely<DB>, sessionId: string, override: boolean) {
    const row = await findSessionRow(trx, sessionId, { forUpdate: true })
    if (!row) throw sessionNotFound()
    if (UNFINISHED.includes(row.status))
      throw new ConflictError(
        'SESSION_NOT_FINISHED',
        'the person being verified has not finished this session yet',
      )
    if (row.decision !== null && !override)
      throw new ConflictError(
        'ALREADY_DECIDED',
        'this session has already been decided; an admin may override with "override": true',
      )
    return row
  }

  private async apply(
    trx: Kysely<DB>,
    row: SessionRow,
    decision: { decision: Decision; reason: string | null },
    actor: Actor,
    pending?: PendingDecision,
  ): Promise<DecisionState> {
    const decidedBy = pending ? pending.proposedBy : { userId: actor.userId, label: actor.label }
    const updated = await trx
      .updateTable('sessions')
      .set({
        decision: decision.decision,
        decision_reason: decision.reason,
        decided_by: decidedBy.userId,
        decided_by_label: decidedBy.label,
        decided_at: sql`now()`,
        pending_decision: null,
        updated_at: sql`now()`,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const confirmation = pending ? { confirmedBy: actor.label } : {}
    const previous = row.decision ? { previous: row.decision } : {}
    await recordSessionEvent(
      trx,
      row.id,
      'decision.made',
      { ...decision, decidedBy: decidedBy.label, ...confirmation, ...previous },
      actor.label,
    )
    await recordAudit(trx, actor, {
      action: pending ? 'session.decision_confirmed' : 'session.decided',
      targetType: 'session',
      targetId: row.id,
      summary: { ...decision, decidedBy: decidedBy.label, ...confirmation, ...previous },
    })
    await enqueueWebhookEvent(trx, 'session.decided', {
      ...sessionWebhookData(updated),
      decidedBy: decidedBy.label,
      ...confirmation,
    })
    return stateOf(updated)
  }
}
