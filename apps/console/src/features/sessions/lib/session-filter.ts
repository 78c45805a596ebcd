import { TARGET_NAMES, type TargetName } from '@veriflow/schema'
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import {
  DECISION_FILTERS,
  SESSION_OUTCOMES,
  SESSION_STATUSES,
  type DecisionFilter,
  type SessionOutcome,
  type SessionStatus,
  type SessionsApiQuery,
} from '../sessions.api.ts'
import { isPeriod, isRangeBound, rangeQuery, type PeriodId } from './period.ts'

/**
 * The sessions list's filter as the URL holds it: the API's keys, plus `period` (a preset the
 * console resolves to from/to when it loads). Dates stay as typed (a day or a date-time).
 */
export interface SessionsFilter {
  status?: SessionStatus
  outcome?: SessionOutcome
  decision?: DecisionFilter
  flowId?: string
  version?: number
  target?: TargetName
  test?: boolean
  period?: PeriodId
  from?: string
  to?: string
  q?: string
  decidedBy?: string
}

/** The URL's keys, in the order they are written. */
export const FILTER_KEYS = [
  'status',
  'outcome',
  'decision',
  'flowId',
  'version',
  'target',
  'test',
  'period',
  'from',
  'to',
  'q',
  'decidedBy',
] as const satisfies ReadonlyArray<keyof SessionsFilter>

export type FilterKey = (typeof FILTER_KEYS)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** The API's limit on `q`. */
export const SEARCH_MAX_LENGTH = 200

function oneOf<T extends string>(values: readonly T[], value: string): T | undefined {
  return (values as readonly string[]).includes(value) ? (value as T) : undefined
}

/** One URL value (the first of a repeated key; `null` for `?key`). */
function single(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined
}

/** Reads one key: what the API would refuse (a typo, a hand-edited URL) is left out. */
function parseValue(key: FilterKey, raw: string): SessionsFilter[FilterKey] {
  switch (key) {
    case 'status':
      return oneOf(SESSION_STATUSES, raw)
    case 'outcome':
      return oneOf(SESSION_OUTCOMES, raw)
    case 'decision':
      return oneOf(DECISION_FILTERS, raw)
    case 'target':
      return oneOf(TARGET_NAMES, raw)
    case 'flowId':
    case 'decidedBy':
      return UUID.test(raw) ? raw.toLowerCase() : undefined
    case 'version': {
      const n = Number(raw)
      return /^\d+$/.test(raw) && n >= 1 && n <= 2 ** 31 - 1 ? n : undefined
    }
    case 'test':
      return raw === 'true' ? true : raw === 'false' ? false : undefined
    case 'period':
      return isPeriod(raw) ? raw : undefined
    case 'from':
    case 'to':
      return isRangeBound(raw) ? raw : undefined
    case 'q':
      return raw.slice(0, SEARCH_MAX_LENGTH)
  }
}

/** The filter a URL query (or a saved view's query) describes. */
export function filterFromQuery(query: LocationQuery | Record<string, unknown>): SessionsFilter {
  const filter: Record<string, unknown> = {}
  for (const key of FILTER_KEYS) {
    const value = query[key]
    const raw =
      typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : single(value as LocationQuery[string])
    if (raw === undefined) continue
    const parsed = parseValue(key, raw)
    if (parsed !== undefined) filter[key] = parsed
  }
  // A preset wins over custom bounds: keep the URL saying one thing.
  if (filter.period) {
    delete filter.from
    delete filter.to
  }
  return filter as SessionsFilter
}

/** A saved view's query: an object of URL keys, or a query string. */
export function filterFromSaved(query: unknown): SessionsFilter {
  if (typeof query === 'string')
    return filterFromQuery(Object.fromEntries(new URLSearchParams(query.replace(/^\?/, ''))))
  return query && typeof query === 'object' ? filterFromQuery(query as Record<string, unknown>) : {}
}

/** The filter as URL query values, in FILTER_KEYS order, empty keys left out. */
export function queryFromFilter(filter: SessionsFilter): Record<string, string> {
  const query: Record<string, string> = {}
  for (const key of FILTER_KEYS) {
    const value = filter[key]
    if (value === undefined || value === '') continue
    if ((key === 'from' || key === 'to') && filter.period) continue
    query[key] = String(value)
  }
  return query
}

/** The filter with one key changed (undefined or '' removes it); a new flow drops the version. */
export function withFilter<K extends FilterKey>(
  filter: SessionsFilter,
  key: K,
  value: SessionsFilter[K] | '' | undefined,
): SessionsFilter {
  const next: SessionsFilter = { ...filter }
  if (value === undefined || value === '') delete next[key]
  else next[key] = value as SessionsFilter[K]
  if (key === 'flowId' && value !== filter.flowId) delete next.version
  if (key === 'period' && next.period) {
    delete next.from
    delete next.to
  }
  if ((key === 'from' || key === 'to') && value) delete next.period
  return next
}

/** Whether two filters ask for the same sessions (key order and blanks do not matter). */
export function sameFilter(a: SessionsFilter, b: SessionsFilter): boolean {
  const left = queryFromFilter(a)
  const right = queryFromFilter(b)
  const keys = Object.keys(left)
  return keys.length === Object.keys(right).length && keys.every((key) => left[key] === right[key])
}

export function isFiltered(filter: SessionsFilter): boolean {
  return Object.keys(queryFromFilter(filter)).length > 0
}

/** The query for the API: the period resolved to from/to (now), days to date-times. */
export function apiQueryOf(filter: SessionsFilter, now: Date = new Date()): SessionsApiQuery {
  const { period, from, to, q, ...rest } = filter
  const search = q?.trim()
  return {
    ...rest,
    ...rangeQuery({ period, from, to }, now),
    ...(search ? { q: search } : {}),
  }
}

/** The URL query of this filter merged into a route's other query keys (none today). */
export function routeQueryOf(
  filter: SessionsFilter,
  current: LocationQuery = {},
): LocationQueryRaw {
  const others = Object.fromEntries(
    Object.entries(current).filter(([key]) => !(FILTER_KEYS as readonly string[]).includes(key)),
  )
  return { ...others, ...queryFromFilter(filter) }
}
