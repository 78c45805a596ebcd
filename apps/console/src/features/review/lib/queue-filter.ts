import type { LocationQuery } from 'vue-router'
import { apiQueryOf, filterFromQuery } from '../../sessions/lib/session-filter.ts'
import type { SessionFilter } from '../review.api.ts'

/**
 * The list filter carried in the detail page's URL (the sessions list links each row with its
 * own query), as the list asks the API for it: read by the list's own rules, a preset period
 * resolved to dates (now), days made date-times. Unknown or invalid keys are left out.
 */
export function queueFilterOf(query: LocationQuery, now: Date = new Date()): SessionFilter {
  const filter: SessionFilter = {}
  for (const [key, value] of Object.entries(apiQueryOf(filterFromQuery(query), now))) {
    if (value !== undefined && value !== '') filter[key] = String(value)
  }
  return filter
}
