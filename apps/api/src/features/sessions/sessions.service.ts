import type { Answers } from '@veriflow/schema'
import type { Kysely } from 'kysely'
import type { SecretBox } from '../../common/crypto/secret-box.ts'
import type { DB } from '../../common/db/tables.ts'
import { AppError, BadRequestError, NotFoundError } from '../../common/errors/app-error.ts'
import { decodeCursor, toPage, type Page } from '../../common/http/pagination.ts'
import { sessionDocument } from './session-document.ts'
import { listMedia, mediaContext } from './session-media.ts'
import type { RunnerState } from './session-state.ts'
import { stepDetails } from './session-detail.ts'
import * as repo from './sessions.repository.ts'
import type {
  ListSessionsQuery,
  PendingDecision,
  SessionFilter,
  SessionListItem,
  SessionReviewer,
} from './sessions.schemas.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

export const sessionNotFound = () => new NotFoundError('session', 'SESSION_NOT_FOUND')

function afterOf(cursor: string | undefined): repo.SessionCursor | undefined {
  const values = decodeCursor(cursor, 2)
  if (!values) return undefined
  const [at, id] = values
  if (typeof at !== 'string' || !CURSOR_AT.test(at) || typeof id !== 'string' || !UUID.test(id))
    throw new BadRequestError(
      'INVALID_CURSOR',
      'the cursor is not valid for this list',
      '/query/cursor',
    )
  return { at, id }
}

export function toListItem(row: repo.SessionListRow): SessionListItem {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    externalUserId: row.external_user_id,
    flow: { id: row.flow_id, name: row.flow_name, version: row.flow_version },
    target: row.target,
    isTest: row.is_test,
    status: row.status,
    outcome: row.outcome,
    decision: row.decision,
    decisionPending: row.decision_pending,
    decidedBy: row.decided_by_label,
    decidedAt: row.decided_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    expiresAt: row.expires_at.toISOString(),
  }
}

/** The pending four-eyes proposal as the API shows it. */
export function pendingOf(value: unknown): PendingDecision | null {
  if (!value || typeof value !== 'object') return null
  const p = value as PendingDecision
  return {
    decision: p.decision,
    reason: p.reason ?? null,
    override: p.override === true,
    proposedBy: { userId: p.proposedBy?.userId ?? null, label: p.proposedBy?.label ?? '' },
    proposedAt: p.proposedAt,
  }
}

/** Sessions for review: the queue, one session with everything about it, its media. */
export class SessionsService {
  constructor(private readonly deps: { db: Kysely<DB>; secretBox: SecretBox }) {}

  async list(query: ListSessionsQuery): Promise<Page<SessionListItem>> {
    const { cursor, limit, ...filter } = query
    const rows = await repo.listSessions(this.deps.db, filter, afterOf(cursor), limit + 1)
    return toPage(rows, limit, (row) => [row.cursor_at, row.id], toListItem)
  }

  /** Every session of a filter, page by page (for the CSV export). */
  async *pages(filter: SessionFilter, pageSize = 500): AsyncGenerator<repo.SessionListRow[]> {
    let after: repo.SessionCursor | undefined
    for (;;) {
      const rows = await repo.listSessions(this.deps.db, filter, after, pageSize)
      if (rows.length > 0) yield rows
      if (rows.length < pageSize) return
      const last = rows[rows.length - 1]!
      after = { at: last.cursor_at, id: last.id }
    }
  }

  /** Who decided or proposed decisions, for the reviewer filter (reviewers cannot list users). */
  async reviewers(): Promise<SessionReviewer[]> {
    const rows = await repo.listReviewers(this.deps.db)
    return rows.map((row) => ({ id: row.id, label: row.email, name: row.name }))
  }

  async detail(id: string, lang: string | undefined) {
    const { db } = this.deps
    const row = UUID.test(id) ? await repo.findSessionRow(db, id) : undefined
    if (!row) throw sessionNotFound()
    const [flow, flowName, events, media] = await Promise.all([
      sessionDocument(db, row),
      repo.flowNameOf(db, row.flow_id),
      repo.listEvents(db, id),
      listMedia(db, id),
    ])
    const fallback = flow.languages[0]
    const language = {
      lang: lang && flow.languages.includes(lang) ? lang : (fallback ?? 'en'),
      fallback,
    }
    return {
      id: row.id,
      flow: { id: row.flow_id, name: flowName, version: row.flow_version },
      isTest: row.is_test,
      target: row.target,
      status: row.status,
      outcome: row.outcome,
      decision: row.decision,
      decisionReason: row.decision_reason,
      decidedBy: row.decided_by_label,
      decidedAt: row.decided_at?.toISOString() ?? null,
      pendingDecision: pendingOf(row.pending_decision),
      externalUserId: row.external_user_id,
      userDetails: row.user_details,
      language: language.lang,
      languages: flow.languages,
      sessionLanguage: row.language,
      returnUrl: row.return_url,
      launchOrigin: row.launch_origin,
      providerRef: row.provider_ref,
      error: row.error_code ? { code: row.error_code, message: row.error_message } : null,
      createdBy: row.created_by_label,
      createdAt: row.created_at.toISOString(),
      startedAt: row.started_at?.toISOString() ?? null,
      submittedAt: row.submitted_at?.toISOString() ?? null,
      completedAt: row.completed_at?.toISOString() ?? null,
      expiresAt: row.expires_at.toISOString(),
      timeline: events.map((event) => ({
        id: String(event.id),
        at: event.at.toISOString(),
        type: event.type,
        actor: event.actor_label,
        data: event.data,
      })),
      steps: stepDetails(
        flow,
        {
          answers: row.answers as Record<string, Answers>,
          operatorAnswers: (row.operator_answers ?? {}) as Record<string, Answers>,
          state: row.runner_state as RunnerState,
          media,
        },
        language,
      ),
      media: media.map((m) => ({
        id: m.id,
        stepId: m.step_id,
        kind: m.kind,
        contentType: m.content_type,
        size: m.size,
        createdAt: m.created_at.toISOString(),
        url: `/api/sessions/${row.id}/media/${m.id}`,
      })),
      operatorAnswers: row.operator_answers ?? {},
      result: row.result,
      rawResult: row.raw_result,
    }
  }

  /** One capture, decrypted (the caller streams it with no-store caching). */
  async media(
    sessionId: string,
    mediaId: string,
  ): Promise<{ contentType: string; bytes: Buffer; name: string }> {
    const blob =
      UUID.test(sessionId) && UUID.test(mediaId)
        ? await repo.findMediaBlob(this.deps.db, sessionId, mediaId)
        : undefined
    if (!blob) throw new NotFoundError('media', 'MEDIA_NOT_FOUND')
    let bytes: Buffer
    try {
      bytes = this.deps.secretBox.decryptBytes(
        Buffer.from(blob.data_sealed),
        mediaContext(sessionId),
      )
    } catch {
      throw new AppError(
        409,
        'MEDIA_UNREADABLE',
        'this capture cannot be decrypted with this installation’s key',
      )
    }
    const extension = blob.content_type.split('/')[1] ?? 'bin'
    return { contentType: blob.content_type, bytes, name: `${blob.kind}-${blob.id}.${extension}` }
  }
}
