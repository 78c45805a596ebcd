/** How serious an issue is: `error` blocks publish and launch, `warning` informs. */
export type Severity = 'error' | 'warning'

/**
 * One problem found in a document, the same shape everywhere (schema package, API, CLI, console).
 * `path` is a JSON pointer (RFC 6901) into the document that was checked and always resolves there.
 */
export interface Issue {
  path: string
  code: string
  message: string
  severity: Severity
}

/** The result of checking a document. `valid` is true when no issue has severity `error`. */
export interface ValidationResult {
  valid: boolean
  issues: Issue[]
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((issue) => issue.severity === 'error')
}

export function toResult(issues: Issue[]): ValidationResult {
  return { valid: !hasErrors(issues), issues }
}
