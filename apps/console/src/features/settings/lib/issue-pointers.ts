import { ApiError, type ApiIssue } from '../../../app/http.ts'
import { sentence } from '../../../app/lib/field-issues.ts'

/** API issues placed on the form fields they point at, and the ones no field shows. */
export interface PointedIssues {
  /** The first message for each field pointer (e.g. "/credentials/company_key"). */
  fields: Record<string, string>
  rest: ApiIssue[]
}

/** The deepest field whose pointer is `path` or an ancestor of it ("/options/ips" for "/options/ips/0"). */
export function fieldFor(path: string | undefined, fields: readonly string[]): string | undefined {
  if (path === undefined || path === '') return undefined
  let best: string | undefined
  for (const field of fields)
    if ((path === field || path.startsWith(`${field}/`)) && field.length > (best?.length ?? 0))
      best = field
  return best
}

/**
 * Puts each issue of a failed request on the field its JSON pointer names, where the form has
 * fields deeper than one level (provider credentials, options, reason templates). Anything that
 * is not an ApiError lands in `rest`.
 */
export function issuesOnFields(error: unknown, fields: readonly string[]): PointedIssues {
  const result: PointedIssues = { fields: {}, rest: [] }
  if (!(error instanceof ApiError)) {
    result.rest.push({ code: 'UNKNOWN', message: 'something went wrong' })
    return result
  }
  for (const issue of error.issues) {
    const field = fieldFor(issue.path, fields)
    if (field === undefined) result.rest.push(issue)
    else result.fields[field] ??= sentence(issue.message)
  }
  return result
}
