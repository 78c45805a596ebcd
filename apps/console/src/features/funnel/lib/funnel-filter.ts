import { TARGET_NAMES, type TargetName } from '@veriflow/schema'
import type { LocationQuery } from 'vue-router'
import { isPeriod, isRangeBound, rangeQuery, type PeriodId } from '../../sessions/lib/period.ts'
import type { FunnelQuery } from '../funnel.api.ts'

/** The funnel page's choices as the URL holds them. */
export interface FunnelFilter {
  flowId?: string
  version?: number
  target?: TargetName
  period?: PeriodId
  from?: string
  to?: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const KEYS = ['flowId', 'version', 'target', 'period', 'from', 'to'] as const

function single(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first !== '' ? first : undefined
}

/** Reads the URL; values the API would refuse are left out (the page then uses its defaults). */
export function funnelFilterFromQuery(query: LocationQuery): FunnelFilter {
  const filter: FunnelFilter = {}
  const flowId = single(query.flowId)
  if (flowId && UUID.test(flowId)) filter.flowId = flowId.toLowerCase()
  const version = single(query.version)
  if (version && /^\d+$/.test(version) && Number(version) >= 1) filter.version = Number(version)
  const target = single(query.target)
  if (target && (TARGET_NAMES as readonly string[]).includes(target))
    filter.target = target as TargetName
  const period = single(query.period)
  if (isPeriod(period)) filter.period = period
  else {
    const from = single(query.from)
    const to = single(query.to)
    if (from && isRangeBound(from)) filter.from = from
    if (to && isRangeBound(to)) filter.to = to
  }
  return filter
}

export function funnelQueryOf(filter: FunnelFilter): Record<string, string> {
  const query: Record<string, string> = {}
  for (const key of KEYS) {
    const value = filter[key]
    if (value === undefined || value === '') continue
    if ((key === 'from' || key === 'to') && filter.period) continue
    query[key] = String(value)
  }
  return query
}

/** The API's query: the date range resolved (now) and the target. */
export function funnelApiQuery(filter: FunnelFilter, now: Date = new Date()): FunnelQuery {
  return {
    ...rangeQuery({ period: filter.period, from: filter.from, to: filter.to }, now),
    ...(filter.target ? { target: filter.target } : {}),
  }
}

export function sameFunnelFilter(a: FunnelFilter, b: FunnelFilter): boolean {
  const left = funnelQueryOf(a)
  const right = funnelQueryOf(b)
  return (
    Object.keys(left).length === Object.keys(right).length &&
    Object.keys(left).every((key) => left[key] === right[key])
  )
}
