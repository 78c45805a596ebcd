import {
  STEP_FLAG_SCHEMAS,
  describeClause,
  flagsOf,
  isQuestionnaireStep,
  localize,
  type Condition,
  type Flow,
  type Question,
  type Step,
} from '@veriflow/schema'
import { clausesOf } from './condition-edits.ts'
import { jsonEqual, longestIncreasing } from './json-equal.ts'

/** One changed value, ready to show: where, what it was, what it is. */
export interface ValueChange {
  /** Dotted path inside the step, question or flow, e.g. `flags.liveness`. */
  path: string
  label: string
  before: string
  after: string
}

export type EntryKind = 'added' | 'removed' | 'changed' | 'unchanged'

export interface QuestionDiff {
  id: string
  key: string
  kind: EntryKind
  moved: boolean
  changes: ValueChange[]
}

export interface StepDiff {
  id: string
  key: string
  type: string
  kind: EntryKind
  moved: boolean
  /** Position in the older document (1-based), when the step was there. */
  from?: number
  /** Position in the newer document (1-based), when the step is there. */
  to?: number
  changes: ValueChange[]
  questions: QuestionDiff[]
}

export interface FlowDiff {
  /** Name, languages, settings and targets. */
  flow: ValueChange[]
  /** Steps that were added, removed, moved or changed (in the newer order, removed ones last). */
  steps: StepDiff[]
  counts: { added: number; removed: number; moved: number; changed: number }
  identical: boolean
}

const NOT_SET = '(not set)'

/** A value as one short line. */
export function formatValue(value: unknown, language = 'en'): string {
  if (value === undefined || value === null) return NOT_SET
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value))
    return value.length === 0 ? '[]' : value.map((v) => formatValue(v, language)).join(', ')
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => `${key}: ${formatValue(v, language)}`)
      .join('; ')
  return String(value)
}

function change(path: string, label: string, before: string, after: string): ValueChange {
  return { path, label, before, after }
}

function compareField(out: ValueChange[], path: string, label: string, a: unknown, b: unknown) {
  if (!jsonEqual(a, b)) out.push(change(path, label, formatValue(a), formatValue(b)))
}

/** A condition in words, with option titles instead of ids ("all of: Employment = Employed"). */
export function describeCondition(
  condition: Condition | undefined,
  questions: readonly Question[],
  language: string,
): string {
  if (!condition) return 'always shown'
  const { mode, clauses } = clausesOf(condition)
  const parts = clauses.map((c) => describeClause(c, questions, language))
  return `${mode === 'all' ? 'all of' : 'any of'}: ${parts.join(mode === 'all' ? ' and ' : ' or ')}`
}

function describeAnswer(question: Question | undefined, answer: unknown, language: string) {
  if (answer === undefined) return NOT_SET
  const name = (id: string) => {
    const option = question?.options?.find((o) => o.id === id)
    return option ? localize(option.title, language) || option.key : id
  }
  if (question?.type === 'string') return formatValue(answer)
  return Array.isArray(answer) ? answer.map(name).join(', ') : name(String(answer))
}

interface Keyed {
  id: string
}

/** Entries of two ordered lists matched by id: added, removed, moved, and the pairs to compare. */
function matchById<T extends Keyed>(before: readonly T[], after: readonly T[]) {
  const beforeIndex = new Map(before.map((item, n) => [item.id, n]))
  const afterIds = new Set(after.map((item) => item.id))
  const common = after.filter((item) => beforeIndex.has(item.id))
  const kept = longestIncreasing(common.map((item) => beforeIndex.get(item.id) as number))
  const moved = new Set(common.filter((_, n) => !kept.has(n)).map((item) => item.id))
  const removed = before.filter((item) => !afterIds.has(item.id))
  return { beforeIndex, moved, removed }
}

function optionChanges(a: Question, b: Question, language: string): ValueChange[] {
  const out: ValueChange[] = []
  const before = a.options ?? []
  const after = b.options ?? []
  const { beforeIndex, moved, removed } = matchById(before, after)
  const label = (o: { key: string; title?: unknown }) =>
    localize(o.title as never, language) || o.key
  for (const option of after) {
    const old = before[beforeIndex.get(option.id) ?? -1]
    if (!old) {
      out.push(change('options', 'Option added', NOT_SET, label(option)))
      continue
    }
    compareField(
      out,
      `options.${option.key}.key`,
      `Option "${label(option)}" key`,
      old.key,
      option.key,
    )
    compareField(
      out,
      `options.${option.key}.title`,
      `Option "${option.key}" title`,
      old.title,
      option.title,
    )
  }
  for (const option of removed)
    out.push(change('options', 'Option removed', label(option), NOT_SET))
  if (moved.size > 0)
    out.push(
      change(
        'options',
        'Option order',
        before.map((o) => o.key).join(', '),
        after.map((o) => o.key).join(', '),
      ),
    )
  return out
}

function questionChanges(a: Question, b: Question, ctx: QuestionContext): ValueChange[] {
  const out: ValueChange[] = []
  compareField(out, 'key', 'Key', a.key, b.key)
  compareField(out, 'type', 'Type', a.type, b.type)
  compareField(out, 'title', 'Title', a.title, b.title)
  compareField(out, 'mandatory', 'Mandatory', a.mandatory ?? false, b.mandatory ?? false)
  compareField(out, 'readOnly', 'Read-only', a.readOnly ?? false, b.readOnly ?? false)
  out.push(...optionChanges(a, b, ctx.language))
  if (!jsonEqual(a.answer, b.answer))
    out.push(
      change(
        'answer',
        'Preset answer',
        describeAnswer(a, a.answer, ctx.language),
        describeAnswer(b, b.answer, ctx.language),
      ),
    )
  if (!jsonEqual(a.showWhen, b.showWhen))
    out.push(
      change(
        'showWhen',
        'Condition',
        describeCondition(a.showWhen, ctx.before, ctx.language),
        describeCondition(b.showWhen, ctx.after, ctx.language),
      ),
    )
  return out
}

interface QuestionContext {
  before: readonly Question[]
  after: readonly Question[]
  language: string
}

/** Question by question: added, removed, moved (relative order) and changed fields. */
export function diffQuestions(
  before: readonly Question[],
  after: readonly Question[],
  language = 'en',
): QuestionDiff[] {
  const { beforeIndex, moved, removed } = matchById(before, after)
  const ctx = { before, after, language }
  const out: QuestionDiff[] = []
  for (const question of after) {
    const old = before[beforeIndex.get(question.id) ?? -1]
    const base = { id: question.id, key: question.key, moved: moved.has(question.id) }
    if (!old) {
      out.push({ ...base, kind: 'added', changes: [] })
      continue
    }
    const changes = questionChanges(old, question, ctx)
    if (changes.length > 0 || base.moved)
      out.push({ ...base, kind: changes.length > 0 ? 'changed' : 'unchanged', changes })
  }
  for (const question of removed)
    out.push({ id: question.id, key: question.key, kind: 'removed', moved: false, changes: [] })
  return out
}

function flagLabel(type: string, name: string): string {
  const schema = STEP_FLAG_SCHEMAS[type as keyof typeof STEP_FLAG_SCHEMAS] as
    { properties: Record<string, { title?: string }> } | undefined
  return schema?.properties[name]?.title ?? name
}

function stepChanges(
  a: Step,
  b: Step,
  language: string,
): { changes: ValueChange[]; questions: QuestionDiff[] } {
  const changes: ValueChange[] = []
  compareField(changes, 'type', 'Type', a.type, b.type)
  compareField(changes, 'key', 'Key', a.key, b.key)
  compareField(changes, 'title', 'Title', a.title, b.title)
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  compareField(changes, 'description', 'Description', left.description, right.description)
  compareField(
    changes,
    'successButtonTitle',
    'Button title',
    left.successButtonTitle,
    right.successButtonTitle,
  )
  const flagsA = flagsOf(a)
  const flagsB = flagsOf(b)
  for (const name of new Set([...Object.keys(flagsA), ...Object.keys(flagsB)]))
    compareField(changes, `flags.${name}`, flagLabel(b.type, name), flagsA[name], flagsB[name])
  const questions =
    isQuestionnaireStep(a) || isQuestionnaireStep(b)
      ? diffQuestions(
          isQuestionnaireStep(a) ? a.questions : [],
          isQuestionnaireStep(b) ? b.questions : [],
          language,
        )
      : []
  return { changes, questions }
}

function flowChanges(a: Flow, b: Flow): ValueChange[] {
  const out: ValueChange[] = []
  compareField(out, 'name', 'Name', a.name, b.name)
  compareField(out, 'description', 'Description', a.description, b.description)
  compareField(out, 'languages', 'Languages', a.languages, b.languages)
  const settingsA = (a.settings ?? {}) as Record<string, unknown>
  const settingsB = (b.settings ?? {}) as Record<string, unknown>
  for (const name of new Set([...Object.keys(settingsA), ...Object.keys(settingsB)]))
    compareField(out, `settings.${name}`, `Setting ${name}`, settingsA[name], settingsB[name])
  const targetsA = (a.targets ?? {}) as Record<string, Record<string, unknown> | undefined>
  const targetsB = (b.targets ?? {}) as Record<string, Record<string, unknown> | undefined>
  for (const target of new Set([...Object.keys(targetsA), ...Object.keys(targetsB)])) {
    const ta = targetsA[target] ?? {}
    const tb = targetsB[target] ?? {}
    for (const name of new Set([...Object.keys(ta), ...Object.keys(tb)]))
      compareField(out, `targets.${target}.${name}`, `${target} ${name}`, ta[name], tb[name])
  }
  return out
}

/**
 * What changed from `before` (e.g. a published version) to `after` (e.g. the draft): flow-level
 * fields, and steps added, removed, moved (out of their relative order) or changed, down to the
 * flag, the question and the option. Steps and questions are matched by id, so a renamed key is
 * a change of one step, not a removal and an addition.
 */
export function diffFlows(before: Flow, after: Flow): FlowDiff {
  const language = after.languages[0] ?? before.languages[0] ?? 'en'
  const { beforeIndex, moved, removed } = matchById(before.steps, after.steps)
  const steps: StepDiff[] = []
  const counts = { added: 0, removed: 0, moved: 0, changed: 0 }
  after.steps.forEach((step, n) => {
    const from = beforeIndex.get(step.id)
    const base = { id: step.id, key: step.key, type: step.type, to: n + 1 }
    if (from === undefined) {
      counts.added++
      steps.push({ ...base, kind: 'added', moved: false, changes: [], questions: [] })
      return
    }
    const { changes, questions } = stepChanges(before.steps[from] as Step, step, language)
    const isMoved = moved.has(step.id)
    const isChanged = changes.length > 0 || questions.length > 0
    if (isMoved) counts.moved++
    if (isChanged) counts.changed++
    if (isMoved || isChanged)
      steps.push({
        ...base,
        from: from + 1,
        kind: isChanged ? 'changed' : 'unchanged',
        moved: isMoved,
        changes,
        questions,
      })
  })
  for (const step of removed) {
    counts.removed++
    const from = (beforeIndex.get(step.id) as number) + 1
    steps.push({
      id: step.id,
      key: step.key,
      type: step.type,
      from,
      kind: 'removed',
      moved: false,
      changes: [],
      questions: [],
    })
  }
  const flow = flowChanges(before, after)
  return { flow, steps, counts, identical: flow.length === 0 && steps.length === 0 }
}
