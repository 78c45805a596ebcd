import { validateFlow, type Issue } from '@veriflow/schema'
import type { Kysely } from 'kysely'
import type { Actor } from '../../common/auth/principal.ts'
import type { DB } from '../../common/db/tables.ts'
import { BadRequestError, NotFoundError, ValidationError } from '../../common/errors/app-error.ts'
import { decodeCursor, toPage, type Page } from '../../common/http/pagination.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { contentHash } from './canonical-json.ts'
import {
  findFlowState,
  findVersion,
  insertVersion,
  listVersions,
  lockFlow,
} from './flows.repository.ts'
import {
  toVersion,
  toVersionMeta,
  type FlowDetail,
  type FlowVersion,
  type FlowVersionMeta,
} from './flows.model.ts'
import {
  flowNotFound,
  isUuid,
  whyNotWritable,
  writerOf,
  type FlowsService,
} from './flows.service.ts'
import { LruCache } from './lru-cache.ts'

/** A published version as it is served: it never changes, so it is serialised once. */
export interface CachedVersion {
  version: FlowVersion
  /** `"<content hash>"` */
  etag: string
  /** `{ "data": <version> }`, ready to send. */
  body: string
}

export interface VersionCacheOptions {
  /** @default 1000 */
  maxEntries?: number
  /** Approximate bytes of documents kept (text and parsed copy). @default 64 MiB */
  maxBytes?: number
}

const MAX_VERSION = 2 ** 31 - 1

export const versionNotFound = () => new NotFoundError('version', 'VERSION_NOT_FOUND')

/** Issues as error entries, errors first (so the first entry says what blocks). */
export function issueEntries(issues: Issue[]) {
  return [...issues]
    .sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error'))
    .map(({ code, message, path, severity }) => ({ code, message, path, severity }))
}

function beforeOf(cursor: string | undefined): number | undefined {
  const values = decodeCursor(cursor, 1)
  if (!values) return undefined
  const [before] = values
  if (typeof before !== 'number' || !Number.isInteger(before) || before < 1 || before > MAX_VERSION)
    throw new BadRequestError(
      'INVALID_CURSOR',
      'the cursor is not valid for this list',
      '/query/cursor',
    )
  return before
}

/**
 * Published versions: publish, list, read, restore into the draft. Versions are immutable (a
 * database trigger refuses updates and deletes), so reads are served from a bounded in-memory
 * cache that never needs invalidating, on any number of API instances.
 */
export class FlowVersionsService {
  private readonly cache: LruCache<CachedVersion>

  constructor(
    private readonly db: Kysely<DB>,
    private readonly flows: FlowsService,
    options: VersionCacheOptions = {},
  ) {
    this.cache = new LruCache(options.maxEntries ?? 1000, options.maxBytes ?? 64 * 2 ** 20)
  }

  /**
   * Publishes the draft as the next version. The flow row stays locked until commit, so
   * concurrent publishes get consecutive numbers. `expected` (when given) must be the current
   * revision: what the publisher reviewed is what gets published.
   */
  async publish(
    flowId: string,
    note: string,
    expected: number | null,
    actor: Actor,
  ): Promise<FlowVersionMeta> {
    if (!isUuid(flowId)) throw flowNotFound()
    const row = await this.db.transaction().execute(async (trx) => {
      const flow = await lockFlow(trx, flowId)
      if (!flow || flow.archived_at !== null || (expected !== null && flow.revision !== expected))
        throw whyNotWritable(flow, expected)
      const { valid, issues } = validateFlow(flow.draft)
      if (!valid) throw new ValidationError(issueEntries(issues), 422, 'FLOW_INVALID')
      const version = (flow.latest_version ?? 0) + 1
      const hash = contentHash(flow.draft)
      const inserted = await insertVersion(
        trx,
        { flowId, version, document: flow.draft, note, contentHash: hash },
        writerOf(actor),
      )
      await recordAudit(trx, actor, {
        action: 'flow.published',
        targetType: 'flow',
        targetId: flowId,
        summary: { version, note, contentHash: hash, revision: flow.revision },
      })
      return inserted
    })
    return toVersionMeta(row)
  }

  async list(
    flowId: string,
    page: { cursor?: string; limit: number },
  ): Promise<Page<FlowVersionMeta>> {
    if (!isUuid(flowId)) throw flowNotFound()
    const rows = await listVersions(this.db, flowId, {
      before: beforeOf(page.cursor),
      limit: page.limit,
    })
    if (rows.length === 0 && !(await findFlowState(this.db, flowId))) throw flowNotFound()
    return toPage(rows, page.limit, (row) => [row.version], toVersionMeta)
  }

  /** One version, from the cache when it has been read before. */
  async get(flowId: string, version: number): Promise<CachedVersion> {
    if (!isUuid(flowId)) throw flowNotFound()
    const key = `${flowId.toLowerCase()}/${version}`
    const cached = this.cache.get(key)
    if (cached) return cached
    const row = await findVersion(this.db, flowId, version)
    if (!row) throw (await findFlowState(this.db, flowId)) ? versionNotFound() : flowNotFound()
    const found = toVersion(row)
    const entry: CachedVersion = {
      version: found,
      etag: `"${found.contentHash}"`,
      body: JSON.stringify({ data: found }),
    }
    // The parsed document and its text take about the same room: twice the text, in UTF-16.
    this.cache.set(key, entry, entry.body.length * 4)
    return entry
  }

  /** Copies a version's document into the draft (a new revision), audited. */
  async restore(
    flowId: string,
    version: number,
    expected: number | null,
    actor: Actor,
  ): Promise<FlowDetail> {
    const { document } = (await this.get(flowId, version)).version
    return this.flows.writeDraft(
      flowId,
      structuredClone(document),
      expected,
      actor,
      (_previous, state) => ({
        action: 'flow.version_restored',
        targetType: 'flow',
        targetId: flowId,
        summary: { version, revision: state.revision },
      }),
    )
  }
}

/** A path segment that is not a version number names no version. */
export function parseVersionNumber(text: string): number {
  const n = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN
  if (!(n <= MAX_VERSION)) throw versionNotFound()
  return n
}
