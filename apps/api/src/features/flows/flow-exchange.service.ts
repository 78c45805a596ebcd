import {
  compile,
  importFromIdentomat,
  validateFlow,
  type Issue,
  type TargetName,
} from '@veriflow/schema'
import type { Kysely } from 'kysely'
import type { Actor } from '../../common/auth/principal.ts'
import type { DB } from '../../common/db/tables.ts'
import { ValidationError } from '../../common/errors/app-error.ts'
import { findFlow } from './flows.repository.ts'
import type { FlowDetail } from './flows.model.ts'
import { flowNotFound, isUuid, type FlowsService } from './flows.service.ts'
import { issueEntries, type FlowVersionsService } from './flow-versions.service.ts'

export type ImportSource = 'identomat' | 'veriflow'

export interface ImportInput {
  from: ImportSource
  payload: unknown
  name?: string
}

/** What an import would create; paths of issues point into the payload. */
export interface ImportReport {
  valid: boolean
  issues: Issue[]
  document: Record<string, unknown> | null
}

export interface ExportResult {
  target: TargetName
  /** The version exported; null for the draft. */
  version: number | null
  payload: unknown
  /** Warnings: what the target ignores. */
  issues: Issue[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Import from a provider payload or a Veriflow file, and export to a target's payload. */
export class FlowExchangeService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly flows: FlowsService,
    private readonly versions: FlowVersionsService,
  ) {}

  /** The import report, creating nothing (the console shows it before importing). */
  check(input: ImportInput): ImportReport {
    if (input.from === 'identomat') {
      const result = importFromIdentomat(input.payload, { name: input.name })
      return { valid: result.valid, issues: result.issues, document: result.flow }
    }
    const document = isRecord(input.payload)
      ? { ...input.payload, ...(input.name !== undefined ? { name: input.name } : {}) }
      : null
    const { valid, issues } = validateFlow(document ?? input.payload)
    return { valid, issues, document }
  }

  /** Creates a flow from the payload; with errors nothing is created (422 with the issues). */
  async import(input: ImportInput, actor: Actor): Promise<FlowDetail> {
    const report = this.check(input)
    if (!report.valid || !report.document)
      throw new ValidationError(issueEntries(report.issues), 422, 'IMPORT_INVALID')
    return this.flows.insert(
      report.document,
      'import',
      actor,
      { from: input.from },
      {
        action: 'flow.imported',
        targetType: 'flow',
        targetId: null,
        summary: {
          from: input.from,
          warnings: report.issues.length,
          codes: [...new Set(report.issues.map((issue) => issue.code))],
        },
      },
    )
  }

  /** Compiles the draft, or a published version, for a target; errors are a 422. */
  async export(flowId: string, target: TargetName, version?: number): Promise<ExportResult> {
    if (!isUuid(flowId)) throw flowNotFound()
    let document: unknown
    if (version === undefined) {
      const flow = await findFlow(this.db, flowId)
      if (!flow) throw flowNotFound()
      document = flow.draft
    } else {
      document = (await this.versions.get(flowId, version)).version.document
    }
    const { payload, issues } = compile(document, target)
    if (payload === null) throw new ValidationError(issueEntries(issues), 422, 'EXPORT_FAILED')
    return { target, version: version ?? null, payload, issues }
  }
}
