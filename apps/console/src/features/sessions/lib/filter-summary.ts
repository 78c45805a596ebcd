import { DECISION_FILTER_LABELS, OUTCOME_LABELS, STATUS_LABELS, TARGET_LABELS } from './labels.ts'
import { periodLabel } from './period.ts'
import type { SessionsFilter } from './session-filter.ts'

/** Names for the ids a filter holds (what the filter options loaded). */
export interface FilterNames {
  flowName?: (id: string) => string | undefined
  reviewerName?: (id: string) => string | undefined
}

/**
 * The filter in words, one part per filter: "Status: Completed · Decision: Not decided".
 * Ids without a known name are shown as "another flow" rather than as a raw uuid.
 */
export function filterSummary(filter: SessionsFilter, names: FilterNames = {}): string[] {
  const parts: string[] = []
  if (filter.status) parts.push(`Status: ${STATUS_LABELS[filter.status]}`)
  if (filter.outcome) parts.push(`Outcome: ${OUTCOME_LABELS[filter.outcome]}`)
  if (filter.decision) parts.push(`Decision: ${DECISION_FILTER_LABELS[filter.decision]}`)
  if (filter.decidedBy)
    parts.push(`Reviewer: ${names.reviewerName?.(filter.decidedBy) ?? 'another reviewer'}`)
  if (filter.flowId) parts.push(`Flow: ${names.flowName?.(filter.flowId) ?? 'another flow'}`)
  if (filter.version !== undefined) parts.push(`Version: v${filter.version}`)
  if (filter.test !== undefined) parts.push(filter.test ? 'Test sessions only' : 'Live only')
  if (filter.target) parts.push(`Target: ${TARGET_LABELS[filter.target]}`)
  if (filter.period) parts.push(`Created: ${periodLabel(filter.period)}`)
  else if (filter.from && filter.to) parts.push(`Created: ${filter.from} to ${filter.to}`)
  else if (filter.from) parts.push(`Created: from ${filter.from}`)
  else if (filter.to) parts.push(`Created: until ${filter.to}`)
  if (filter.q) parts.push(`Search: ${filter.q}`)
  return parts
}
