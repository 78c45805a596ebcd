import { ApiError, type ApiIssue } from '../http.ts'

/** API issues split into the ones a form shows on its fields and the rest. */
export interface SplitIssues<F extends string> {
  /** The first message for each field the form has. */
  fields: Partial<Record<F, string>>
  /** Issues without a field of this form (shown in a banner or a toast). */
  rest: ApiIssue[]
}

/** The form field an issue path names: "/password" and "/password/0" both name "password". */
function fieldOf<F extends string>(path: string | undefined, fields: readonly F[]): F | undefined {
  if (!path) return undefined
  const first = path.split('/')[1]
  return fields.find((field) => field === first)
}

/**
 * Puts each issue of a failed request on its field (CONVENTIONS.md: "the console puts each issue
 * on its field; the rest go to a toast"). Anything that is not an ApiError lands in `rest`.
 */
export function splitIssues<F extends string>(
  error: unknown,
  fields: readonly F[],
): SplitIssues<F> {
  const result: SplitIssues<F> = { fields: {}, rest: [] }
  if (!(error instanceof ApiError)) {
    result.rest.push({ code: 'UNKNOWN', message: 'something went wrong' })
    return result
  }
  for (const issue of error.issues) {
    const field = fieldOf(issue.path, fields)
    if (field && result.fields[field] === undefined) result.fields[field] = sentence(issue.message)
    else if (!field) result.rest.push(issue)
  }
  return result
}

/** API messages are lower-case clauses ("must be at least 10 characters"); fields show sentences. */
export function sentence(message: string): string {
  const trimmed = message.trim()
  if (!trimmed) return trimmed
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?]$/.test(capital) ? capital : `${capital}.`
}
