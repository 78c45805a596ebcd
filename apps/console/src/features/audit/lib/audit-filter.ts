import type { AuditQuery } from '../audit.api.ts'

/** The filters of the audit log as the URL keeps them (dates as YYYY-MM-DD, local days). */
export interface AuditFilter {
  actor: string
  action: string
  targetType: string
  targetId: string
  from: string
  to: string
}

export const FILTER_KEYS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const

export const EMPTY_FILTER: AuditFilter = {
  actor: '',
  action: '',
  targetType: '',
  targetId: '',
  from: '',
  to: '',
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(y, m - 1, d)
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d
}

/** The filter a route query describes; repeated, non-string or malformed values are ignored. */
export function filterFromQuery(query: Record<string, unknown>): AuditFilter {
  const filter = { ...EMPTY_FILTER }
  for (const key of FILTER_KEYS) {
    const value = query[key]
    if (typeof value !== 'string') continue
    const trimmed = value.trim()
    if ((key === 'from' || key === 'to') && !isDay(trimmed)) continue
    filter[key] = trimmed.slice(0, 200)
  }
  return filter
}

/** The query a filter writes to the URL: empty filters leave it out. */
export function filterToQuery(filter: AuditFilter): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {}
  for (const key of FILTER_KEYS) query[key] = filter[key].trim() || undefined
  return query
}

export function isFiltered(filter: AuditFilter): boolean {
  return FILTER_KEYS.some((key) => filter[key].trim() !== '')
}

export function sameFilter(a: AuditFilter, b: AuditFilter): boolean {
  return FILTER_KEYS.every((key) => a[key].trim() === b[key].trim())
}

/** Midnight at the start of a local day, as an ISO instant (`offset` days later). */
function startOfDay(day: string, offset = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(y, m - 1, d + offset).toISOString()
}

/**
 * The API query for a filter. Days are the viewer's own: "from" is the start of that day and
 * "to" includes the whole day (the API's `to` is exclusive, so it is the next midnight).
 */
export function auditQuery(filter: AuditFilter): AuditQuery {
  const query: AuditQuery = {}
  if (filter.actor.trim()) query.actor = filter.actor.trim()
  if (filter.action.trim()) query.action = filter.action.trim()
  if (filter.targetType.trim()) query.targetType = filter.targetType.trim()
  if (filter.targetId.trim()) query.targetId = filter.targetId.trim()
  if (isDay(filter.from)) query.from = startOfDay(filter.from)
  if (isDay(filter.to)) query.to = startOfDay(filter.to, 1)
  return query
}

/** A date range that ends before it starts, explained; otherwise null. */
export function rangeProblem(filter: AuditFilter): string | null {
  if (isDay(filter.from) && isDay(filter.to) && filter.to < filter.from)
    return 'The end date is before the start date.'
  return null
}
