import type { Issue, Severity } from '../issue.ts'

export type JsonRecord = Record<string, unknown>

export function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : EMPTY
}

export function asRecord(value: unknown): JsonRecord {
  return isRecord(value) ? value : EMPTY_RECORD
}

const EMPTY: readonly unknown[] = Object.freeze([])
const EMPTY_RECORD: JsonRecord = Object.freeze({})

/** `/steps/<i>` */
export function stepPath(i: number): string {
  return `/steps/${i}`
}

/** `/steps/<i>/questions/<j>` */
export function questionPath(i: number, j: number): string {
  return `/steps/${i}/questions/${j}`
}

/** `/steps/<i>/questions/<j>/options/<k>` */
export function optionPath(i: number, j: number, k: number): string {
  return `/steps/${i}/questions/${j}/options/${k}`
}

/** True when `question` has an option whose id is `id` (options lists are short: a scan). */
export function hasOptionId(question: JsonRecord, id: unknown): boolean {
  const options = question.options
  if (!Array.isArray(options)) return false
  for (let k = 0; k < options.length; k++) {
    const option = options[k]
    if (isRecord(option) && option.id === id) return true
  }
  return false
}

/** True for question types whose answers are options. */
export function hasOptions(type: unknown): boolean {
  return type === 'options' || type === 'multiple-choice'
}

/**
 * What every rule gets. Rules run on documents that may have failed the schema, so they read
 * through the guards above and never assume a shape. They are plain index loops that build a
 * path only when they report: validation must cost less than parsing the same JSON.
 */
export class RuleContext {
  readonly languages: readonly string[]
  readonly steps: readonly unknown[]
  constructor(
    readonly doc: JsonRecord,
    readonly issues: Issue[],
  ) {
    this.languages = asArray(doc.languages).filter((l): l is string => typeof l === 'string')
    this.steps = asArray(doc.steps)
  }

  report(path: string, code: string, message: string, severity: Severity = 'error'): void {
    this.issues.push({ path, code, message, severity })
  }

  /** The step at index `i` when it is an object. */
  step(i: number): JsonRecord | undefined {
    const step = this.steps[i]
    return isRecord(step) ? step : undefined
  }
}

export type Rule = (ctx: RuleContext) => void
