import type { ErrorObject } from 'ajv'
import type { Issue } from './issue.ts'
import { appendPointer } from './json-pointer.ts'
import { STEP_TYPES } from './step-catalogue.ts'

function toCode(keyword: string): string {
  return 'SCHEMA_' + keyword.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
}

/** "must be a string or an object", from the `type` errors of a failed anyOf's branches. */
function describeAlternatives(anyOf: ErrorObject, errors: readonly ErrorObject[]): string {
  const prefix = anyOf.schemaPath + '/'
  const names = errors
    .filter(
      (e) =>
        e.keyword === 'type' &&
        e.schemaPath.startsWith(prefix) &&
        e.instancePath === anyOf.instancePath,
    )
    .map((e) => TYPE_NAMES[String((e.params as { type?: unknown }).type)] ?? 'another shape')
  return names.length > 0 ? `must be ${[...new Set(names)].join(' or ')}` : 'has the wrong shape'
}

function toIssue(error: ErrorObject, errors: readonly ErrorObject[]): Issue {
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return {
        path: error.instancePath,
        code: 'SCHEMA_REQUIRED',
        message: `missing required property "${String(params.missingProperty)}"`,
        severity: 'error',
      }
    case 'additionalProperties':
      return {
        path: appendPointer(error.instancePath, String(params.additionalProperty)),
        code: 'SCHEMA_UNKNOWN_PROPERTY',
        message: `unknown property "${String(params.additionalProperty)}"`,
        severity: 'error',
      }
    case 'enum':
      return {
        path: error.instancePath,
        code: 'SCHEMA_ENUM',
        message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
        severity: 'error',
      }
    case 'discriminator': {
      const tagMissing = params.error === 'tag'
      return {
        path: tagMissing
          ? error.instancePath
          : appendPointer(error.instancePath, String(params.tag)),
        code: tagMissing ? 'SCHEMA_REQUIRED' : 'SCHEMA_ENUM',
        message: tagMissing
          ? `missing or non-string "${String(params.tag)}"`
          : `unknown step type; must be one of: ${STEP_TYPES.join(', ')}`,
        severity: 'error',
      }
    }
    case 'const':
      // Ajv's own message ("must be equal to constant") does not say which value.
      return {
        path: error.instancePath,
        code: 'SCHEMA_CONST',
        message: `must be ${JSON.stringify(params.allowedValue)}`,
        severity: 'error',
      }
    case 'anyOf':
      return {
        path: error.instancePath,
        code: 'SCHEMA_TYPE',
        message: describeAlternatives(error, errors),
        severity: 'error',
      }
    default:
      return {
        path: error.instancePath,
        code: toCode(error.keyword),
        message: error.message ?? `fails "${error.keyword}"`,
        severity: 'error',
      }
  }
}

/**
 * A discriminator "tag" error (missing or non-string `type`) repeats what the step schema's own
 * `required` / `type` checks already report; one problem should give one issue.
 */
function isRepeatedTagError(error: ErrorObject, errors: readonly ErrorObject[]): boolean {
  if (error.keyword !== 'discriminator' || (error.params as { error?: unknown }).error !== 'tag')
    return false
  const tag = String((error.params as { tag?: unknown }).tag)
  const tagPath = appendPointer(error.instancePath, tag)
  return errors.some(
    (other) =>
      (other.keyword === 'required' &&
        other.instancePath === error.instancePath &&
        (other.params as { missingProperty?: unknown }).missingProperty === tag) ||
      (other.keyword === 'type' && other.instancePath === tagPath),
  )
}

/**
 * Turns Ajv errors into issues. The branch errors under a failed `anyOf` are folded into the
 * single `anyOf` issue, a discriminator error that repeats another is dropped, and identical
 * issues are reported once.
 */
/**
 * The branches of a failed anyOf whose type did match (their errors are all about the value's
 * contents). When exactly one matched, its errors say more than "must be a string or …".
 */
function matchingBranchPrefix(
  anyOf: ErrorObject,
  errors: readonly ErrorObject[],
): string | undefined {
  const prefix = anyOf.schemaPath + '/'
  const branches = new Map<string, boolean>()
  for (const error of errors) {
    if (!error.schemaPath.startsWith(prefix)) continue
    const branch = prefix + error.schemaPath.slice(prefix.length).split('/')[0] + '/'
    const wrongType = error.keyword === 'type' && error.instancePath === anyOf.instancePath
    branches.set(branch, (branches.get(branch) ?? true) && !wrongType)
  }
  const matched = [...branches].filter(([, typeMatched]) => typeMatched).map(([branch]) => branch)
  return matched.length === 1 ? matched[0] : undefined
}

/** The schema location that owns a keyword (its schemaPath without the keyword). */
function ownerOf(error: ErrorObject): string {
  return error.schemaPath.slice(0, error.schemaPath.lastIndexOf('/'))
}

export function schemaIssues(errors: readonly ErrorObject[] | null | undefined): Issue[] {
  if (!errors || errors.length === 0) return []
  // anyOf failures: either report the one branch whose type matched, or fold every branch into
  // the anyOf's own "must be a string or an object".
  const skippedPrefixes: string[] = []
  const replacedAnyOfs = new Set<ErrorObject>()
  for (const error of errors) {
    if (error.keyword !== 'anyOf') continue
    const branch = matchingBranchPrefix(error, errors)
    if (branch) {
      replacedAnyOfs.add(error)
      skippedPrefixes.push(
        ...[
          ...new Set(
            errors
              .filter(
                (e) =>
                  e.schemaPath.startsWith(error.schemaPath + '/') &&
                  !e.schemaPath.startsWith(branch),
              )
              .map((e) => e.schemaPath),
          ),
        ],
      )
    } else {
      skippedPrefixes.push(error.schemaPath + '/')
    }
  }
  // A value of the wrong type fails its other keywords too (const, enum, …): report the type.
  const wrongTypeAt = new Set(
    errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath + ' ' + ownerOf(e)),
  )
  const seen = new Set<string>()
  const issues: Issue[] = []
  for (const error of errors) {
    if (replacedAnyOfs.has(error)) continue
    if (skippedPrefixes.some((prefix) => error.schemaPath.startsWith(prefix))) continue
    if (error.keyword !== 'type' && wrongTypeAt.has(error.instancePath + ' ' + ownerOf(error)))
      continue
    if (isRepeatedTagError(error, errors)) continue
    const issue = toIssue(error, errors)
    const id = issue.path + '\u0000' + issue.code + '\u0000' + issue.message
    if (seen.has(id)) continue
    seen.add(id)
    issues.push(issue)
  }
  return issues
}
