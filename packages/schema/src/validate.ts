import { validateFlowSchema } from './flow-schema-validator.ts'
import { toResult, type Issue, type ValidationResult } from './issue.ts'
import { runRules } from './rules/index.ts'
import { schemaIssues } from './schema-issues.ts'

/**
 * Checks a flow document: the JSON Schema, then every semantic rule. Accepts any JSON value and
 * never throws; `valid` is false when any issue is an error.
 */
export function validateFlow(doc: unknown): ValidationResult {
  const issues: Issue[] = []
  if (!validateFlowSchema(doc)) issues.push(...schemaIssues(validateFlowSchema.errors))
  runRules(doc, issues)
  return toResult(issues)
}
