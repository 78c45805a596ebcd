import { expect } from 'vitest'
import type { Flow } from '../flow.schema.ts'
import type { Issue, Severity } from '../issue.ts'
import { pointerResolves } from '../json-pointer.ts'
import type { Question, QuestionOption, QuestionType } from '../questionnaire.schema.ts'
import type { Step } from '../step.schema.ts'
import { validateFlow } from '../validate.ts'

/**
 * Terse builders for flow documents in tests. Keys default to ids, so a document built from
 * distinct ids has unique keys too. Builders return plain objects that tests may break on purpose.
 */

export function option(id: string, extra: Partial<QuestionOption> = {}): QuestionOption {
  return { id, key: id, ...extra }
}

export function question(id: string, type: QuestionType, extra: Partial<Question> = {}): Question {
  return { id, type, key: id, ...extra }
}

/** A free-text question. */
export function text(id: string, extra: Partial<Question> = {}): Question {
  return question(id, 'string', extra)
}

/** A single-choice (radio) question with one option per id. */
export function choice(
  id: string,
  optionIds: readonly string[],
  extra: Partial<Question> = {},
): Question {
  return question(id, 'options', { options: optionIds.map((o) => option(o)), ...extra })
}

/** A multiple-choice (checkbox) question with one option per id. */
export function multi(
  id: string,
  optionIds: readonly string[],
  extra: Partial<Question> = {},
): Question {
  return question(id, 'multiple-choice', { options: optionIds.map((o) => option(o)), ...extra })
}

export function questionnaire(
  id: string,
  questions: readonly unknown[],
  extra: Record<string, unknown> = {},
): Step {
  return { id, type: 'user-questionnaire', key: id, questions, ...extra } as Step
}

/** A non-questionnaire step of `type`. */
export function flagStep(
  id: string,
  type: Exclude<Step['type'], 'user-questionnaire' | 'operator-questionnaire'>,
  extra: Record<string, unknown> = {},
): Step {
  return { id, type, key: id, ...extra } as Step
}

/** A valid flow (one email step unless `steps` says otherwise), with top-level overrides. */
export function flow(
  steps: readonly unknown[] = [flagStep('s_email', 'email')],
  extra: Record<string, unknown> = {},
): Flow {
  return { schemaVersion: 1, name: 'Test flow', languages: ['en'], steps, ...extra } as Flow
}

export interface ExpectedIssue {
  path: string
  severity: Severity
}

/** The issues `validateFlow` reports for `doc` with `code`. */
export function issuesWithCode(doc: unknown, code: string): Issue[] {
  return validateFlow(doc).issues.filter((issue) => issue.code === code)
}

/**
 * Asserts that `doc` has exactly the `expected` issues of `code` (path and severity, in order),
 * each with a message, and that every path resolves in `doc`.
 */
export function expectIssues(
  doc: unknown,
  code: string,
  expected: readonly ExpectedIssue[],
): Issue[] {
  const found = issuesWithCode(doc, code)
  expect(found.map(({ path, severity }) => ({ path, severity }))).toEqual(expected)
  for (const issue of found) {
    expect(issue.message.length, `message of ${issue.code}`).toBeGreaterThan(0)
    expect(pointerResolves(doc, issue.path), `${issue.path} resolves`).toBe(true)
  }
  return found
}

/** Asserts the single issue of `code` in `doc`. */
export function expectIssue(
  doc: unknown,
  code: string,
  path: string,
  severity: Severity = 'error',
): Issue {
  return expectIssues(doc, code, [{ path, severity }])[0]!
}

export function expectNoIssue(doc: unknown, code: string): void {
  expect(issuesWithCode(doc, code)).toEqual([])
}

/** Asserts that `doc` is valid and has no issue at all. */
export function expectClean(doc: unknown): void {
  expect(validateFlow(doc)).toEqual({ valid: true, issues: [] })
}
