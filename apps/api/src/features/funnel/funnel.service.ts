import { localize, STEP_CATALOGUE, type Flow } from '@veriflow/schema'
import type { Kysely } from 'kysely'
import type { DB } from '../../common/db/tables.ts'
import { NotFoundError } from '../../common/errors/app-error.ts'
import { publishedDocument } from '../sessions/session-document.ts'
import * as repo from './funnel.repository.ts'
import type { Funnel, FunnelQuery, FunnelStep } from './funnel.schemas.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MAX_VERSION = 2 ** 31 - 1

const flowNotFound = () => new NotFoundError('flow', 'FLOW_NOT_FOUND')
const versionNotFound = () => new NotFoundError('version', 'VERSION_NOT_FOUND')

/** The steps the person being verified sees (operator questionnaires are the reviewer's). */
function endUserSteps(flow: Flow) {
  return flow.steps.filter((step) => step.type !== 'operator-questionnaire')
}

function titleOf(step: Flow['steps'][number], language: string): string {
  const title = localize(step.title, language, language)
  return title || (STEP_CATALOGUE.find((info) => info.type === step.type)?.label ?? step.key)
}

/** Seconds to the millisecond: the median is a float, and the chart wants no noise. */
function roundSeconds(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds * 1000) / 1000
}

/**
 * The funnel of one published flow version: sessions launched, started, reaching each end-user
 * step (from the runner's `step.reached` events), completed and decided, with the drop-off and
 * median time per step. Test sessions are never counted. Aggregated in SQL, two queries.
 */
export class FunnelService {
  constructor(private readonly deps: { db: Kysely<DB> }) {}

  async funnel(flowId: string, versionText: string, query: FunnelQuery): Promise<Funnel> {
    const { db } = this.deps
    if (!UUID.test(flowId)) throw flowNotFound()
    const id = flowId.toLowerCase()
    const version = /^[1-9]\d{0,9}$/.test(versionText) ? Number(versionText) : NaN
    const flow = await db.selectFrom('flows').select('id').where('id', '=', id).executeTakeFirst()
    if (!flow) throw flowNotFound()
    const document = version <= MAX_VERSION ? await publishedDocument(db, id, version) : undefined
    if (!document) throw versionNotFound()

    const filter: repo.FunnelFilter = { flowId: id, version, ...query }
    const steps = endUserSteps(document)
    const [totals, rows] = await Promise.all([
      repo.funnelTotals(db, filter),
      repo.funnelSteps(
        db,
        filter,
        steps.map((step) => step.id),
      ),
    ])
    const language = document.languages?.[0] ?? 'en'
    const funnelSteps: FunnelStep[] = steps.map((step, index) => {
      const reached = rows[index]?.reached ?? 0
      const next = index + 1 < steps.length ? (rows[index + 1]?.reached ?? 0) : totals.completed
      return {
        stepId: step.id,
        key: step.key,
        type: step.type,
        title: titleOf(step, language),
        reached,
        dropOff: Math.max(0, reached - next),
        medianSeconds: roundSeconds(rows[index]?.median_seconds ?? null),
      }
    })
    return {
      flowId: id,
      version,
      from: query.from ?? null,
      to: query.to ?? null,
      target: query.target ?? null,
      launched: totals.launched,
      started: totals.started,
      steps: funnelSteps,
      completed: totals.completed,
      decided: totals.decided,
    }
  }
}
