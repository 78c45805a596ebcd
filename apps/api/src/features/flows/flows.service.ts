import { validateFlow, FLOW_SCHEMA_VERSION, type Issue } from '@veriflow/schema'
import type { Kysely } from 'kysely'
import type { Actor } from '../../common/auth/principal.ts'
import type { DB } from '../../common/db/tables.ts'
import {
  BadRequestError,
  ConflictError,
  NotFoundError,
  ValidationError,
  type AppError,
} from '../../common/errors/app-error.ts'
import { decodeCursor, toPage, type Page } from '../../common/http/pagination.ts'
import { recordAudit, type AuditEntryInput } from '../audit/audit.repository.ts'
import type { TemplatesService } from '../templates/templates.service.ts'
import { canonicalJson } from './canonical-json.ts'
import { LruCache } from './lru-cache.ts'
import {
  findFlow,
  findFlowState,
  findFlowText,
  insertFlow,
  listFlows,
  replaceDraft,
  setArchived,
  type FlowListFilter,
  type FlowStateRow,
  type Writer,
} from './flows.repository.ts'
import {
  stepCountOf,
  toFlowDetail,
  toFlowListItem,
  toFlowState,
  type FlowDetail,
  type FlowListItem,
  type FlowDetailText,
  type FlowState,
} from './flows.model.ts'

type Document = Record<string, unknown>

export interface FlowListQuery {
  q?: string
  archived: 'false' | 'true' | 'all'
  cursor?: string
  limit: number
}

/** POST /flows: at most one source; none makes a blank flow. */
export interface CreateFlowInput {
  name?: string
  template?: string
  duplicateOf?: string
  document?: Document
}

/** How a new flow came about, as the audit log records it. */
export type FlowSource = 'blank' | 'template' | 'duplicate' | 'document' | 'import'

export const UNTITLED = 'Untitled flow'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

export const flowNotFound = () => new NotFoundError('flow', 'FLOW_NOT_FOUND')

export function writerOf(actor: Actor): Writer {
  return { userId: actor.userId, label: actor.label }
}

/** A blank draft: valid against the schema, no steps yet, runnable in the sandbox. */
export function blankDocument(name: string): Document {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    name,
    languages: ['en'],
    steps: [],
    targets: { sandbox: { enabled: true } },
  }
}

/** The keyset of the flows list; a cursor that does not decode to one is a 400, not a 500. */
function afterOf(cursor: string | undefined): FlowListFilter['after'] {
  const values = decodeCursor(cursor, 2)
  if (!values) return undefined
  const [at, id] = values
  const exact =
    typeof at === 'string' && CURSOR_AT.test(at) ? new Date(at.slice(0, 23) + 'Z') : null
  if (
    exact === null ||
    Number.isNaN(exact.getTime()) ||
    exact.toISOString().slice(0, 23) !== (at as string).slice(0, 23) ||
    typeof id !== 'string' ||
    !isUuid(id)
  )
    throw new BadRequestError(
      'INVALID_CURSOR',
      'the cursor is not valid for this list',
      '/query/cursor',
    )
  return { at: at as string, id }
}

/** Top-level fields whose value differs between two drafts. */
function changedFields(before: Document, after: Document): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key])).sort()
}

/** Flows and their drafts: list, create, read, save, archive. */
export class FlowsService {
  /**
   * Validation issues by `<id>@<revision>`. Every save makes a new revision in one statement, so
   * a revision names one draft forever and its issues never go stale, on any instance; reading
   * a draft then costs one primary-key select and no validation.
   */
  private readonly issues = new LruCache<Issue[]>(5000, 5000)
  /**
   * The latest draft text read, by flow id, with its revision. The draft read still selects the
   * flow's state every time; it takes the draft from here only when the database says the
   * revision is unchanged (see findFlowText), so it is never stale, on any instance.
   */
  private readonly drafts = new LruCache<{ revision: number; json: string }>(1000, 32 * 2 ** 20)

  constructor(
    private readonly db: Kysely<DB>,
    private readonly templates: TemplatesService,
  ) {}

  /**
   * The draft's issues (callers must not change the array: it is shared). `draft` is only
   * called when they are not cached yet.
   */
  private issuesOf(id: string, revision: number, draft: () => Document): Issue[] {
    const key = `${id}@${revision}`
    let issues = this.issues.get(key)
    if (!issues) {
      issues = validateFlow(draft()).issues
      this.issues.set(key, issues)
    }
    return issues
  }

  async list(query: FlowListQuery): Promise<Page<FlowListItem>> {
    const rows = await listFlows(this.db, {
      q: query.q?.trim(),
      archived: query.archived,
      after: afterOf(query.cursor),
      limit: query.limit,
    })
    return toPage(rows, query.limit, (row) => [row.cursor_at, row.id], toFlowListItem)
  }

  /**
   * A flow with its draft as the database's JSON text: one primary-key select, the draft text
   * sent only when its revision is new to this instance, and parsed only when that revision's
   * issues are not cached yet.
   */
  async getAsText(id: string): Promise<FlowDetailText> {
    if (!isUuid(id)) throw flowNotFound()
    const known = this.drafts.get(id.toLowerCase())
    const row = await findFlowText(this.db, id, known?.revision ?? null)
    if (!row) throw flowNotFound()
    const { draft_text: text, ...state } = row
    let draftJson: string
    if (text !== null) {
      draftJson = text
      this.drafts.set(row.id, { revision: row.revision, json: text }, text.length * 2)
    } else if (known?.revision === row.revision) draftJson = known.json
    else throw new Error(`flow ${row.id}: the database sent no draft for an unknown revision`)
    const issues = this.issuesOf(row.id, row.revision, () => JSON.parse(draftJson) as Document)
    return { ...toFlowState(state), draftJson, issues }
  }

  async create(input: CreateFlowInput, actor: Actor): Promise<FlowDetail> {
    const { source, document, summary } = await this.sourceOf(input)
    if (input.name !== undefined) document.name = input.name
    return this.insert(document, source, actor, summary)
  }

  /**
   * Inserts a flow whose draft is `document` and audits it (plus `also`, in the same transaction).
   * The document is stored as it is, issues and all.
   */
  async insert(
    document: Document,
    source: FlowSource,
    actor: Actor,
    summary: Record<string, unknown> = {},
    also?: AuditEntryInput,
  ): Promise<FlowDetail> {
    const name = typeof document.name === 'string' ? document.name : UNTITLED
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await insertFlow(trx, { name, draft: document }, writerOf(actor))
      await recordAudit(trx, actor, {
        action: 'flow.created',
        targetType: 'flow',
        targetId: inserted.id,
        summary: { source, name, stepCount: stepCountOf(document), ...summary },
      })
      if (also) await recordAudit(trx, actor, { ...also, targetId: inserted.id })
      return inserted
    })
    return toFlowDetail(
      { ...row, draft: document },
      this.issuesOf(row.id, row.revision, () => document),
    )
  }

  private async sourceOf(
    input: CreateFlowInput,
  ): Promise<{ source: FlowSource; document: Document; summary: Record<string, unknown> }> {
    const given = (['template', 'duplicateOf', 'document'] as const).filter(
      (field) => input[field] !== undefined,
    )
    if (given.length > 1)
      throw new ValidationError([
        {
          code: 'CREATE_SOURCE_AMBIGUOUS',
          message: 'give at most one of template, duplicateOf and document',
          path: `/${given[1]}`,
        },
      ])
    if (input.template !== undefined) {
      const template = this.templates.find(input.template)
      if (!template) throw unknownReference('/template', 'TEMPLATE_NOT_FOUND', 'no such template')
      return { source: 'template', document: template.document, summary: { template: template.id } }
    }
    if (input.duplicateOf !== undefined) {
      const original = isUuid(input.duplicateOf)
        ? await findFlow(this.db, input.duplicateOf)
        : undefined
      if (!original) throw unknownReference('/duplicateOf', 'FLOW_NOT_FOUND', 'no such flow')
      const document = { ...original.draft, name: `${original.name} (copy)` }
      return { source: 'duplicate', document, summary: { duplicateOf: original.id } }
    }
    if (input.document !== undefined)
      return { source: 'document', document: { ...input.document }, summary: {} }
    return { source: 'blank', document: blankDocument(UNTITLED), summary: {} }
  }

  /** PATCH: replaces the draft if it is still at revision `expected`; saved even with errors. */
  async saveDraft(
    id: string,
    document: Document,
    expected: number | null,
    actor: Actor,
  ): Promise<FlowState & { issues: Issue[] }> {
    const { draft: _draft, ...saved } = await this.writeDraft(
      id,
      document,
      expected,
      actor,
      (previous, state) => ({
        action: 'flow.updated',
        targetType: 'flow',
        targetId: id,
        summary: {
          revision: state.revision,
          changed: changedFields(previous, document),
          stepCount: stepCountOf(document),
        },
      }),
    )
    return saved
  }

  /**
   * Replaces the draft in one conditional statement and audits it in the same transaction.
   * A stale `expected` revision is a 409 carrying the current revision; null skips the check.
   */
  async writeDraft(
    id: string,
    document: Document,
    expected: number | null,
    actor: Actor,
    audit: (previous: Document, state: FlowStateRow) => AuditEntryInput,
  ): Promise<FlowDetail> {
    if (!isUuid(id)) throw flowNotFound()
    const name = typeof document.name === 'string' ? document.name : undefined
    const row = await this.db.transaction().execute(async (trx) => {
      const saved = await replaceDraft(
        trx,
        { id, expected, draft: document, name },
        writerOf(actor),
      )
      if (!saved) throw whyNotWritable(await findFlowState(trx, id), expected)
      await recordAudit(trx, actor, audit(saved.previous_draft, saved))
      return saved
    })
    return toFlowDetail(
      { ...row, draft: document },
      this.issuesOf(id, row.revision, () => document),
    )
  }

  async archive(id: string, actor: Actor): Promise<FlowState> {
    return this.setArchived(id, true, actor)
  }

  async unarchive(id: string, actor: Actor): Promise<FlowState> {
    return this.setArchived(id, false, actor)
  }

  /** Idempotent: archiving an archived flow answers its state and writes nothing. */
  private async setArchived(id: string, archived: boolean, actor: Actor): Promise<FlowState> {
    if (!isUuid(id)) throw flowNotFound()
    const row = await this.db.transaction().execute(async (trx) => {
      const changed = await setArchived(trx, id, archived)
      if (!changed) return findFlowState(trx, id)
      await recordAudit(trx, actor, {
        action: archived ? 'flow.archived' : 'flow.unarchived',
        targetType: 'flow',
        targetId: id,
        summary: { name: changed.name },
      })
      return changed
    })
    if (!row) throw flowNotFound()
    return toFlowState(row)
  }
}

function unknownReference(path: string, code: string, message: string): ValidationError {
  return new ValidationError([{ code, message, path }], 422)
}

/** Why a conditional write matched nothing: gone, archived, or someone saved in between. */
export function whyNotWritable(
  current: FlowStateRow | undefined,
  expected: number | null,
): AppError {
  if (!current) return flowNotFound()
  if (current.archived_at !== null)
    return new ConflictError('FLOW_ARCHIVED', 'the flow is archived; unarchive it to change it')
  return new ConflictError(
    'REVISION_CONFLICT',
    `the draft was saved by someone else since revision ${expected ?? '?'}; it is now at revision ${current.revision}`,
    {
      current: {
        revision: current.revision,
        updatedAt: current.updated_at.toISOString(),
        updatedBy: current.updated_by_label,
      },
    },
  )
}
