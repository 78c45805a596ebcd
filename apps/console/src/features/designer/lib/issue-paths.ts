import { parsePointer, type Flow, type Issue } from '@veriflow/schema'

/** The designer tabs an issue can lead to. */
export type DesignerTab = 'design' | 'settings' | 'targets' | 'versions' | 'export'

/** Where in the designer an issue's JSON-pointer path lives. */
export interface IssueLocation {
  tab: DesignerTab
  stepIndex?: number
  stepId?: string
  questionIndex?: number
  questionId?: string
  /** For `/targets/<name>/…`. */
  target?: string
}

const INDEX = /^(0|[1-9]\d*)$/

function indexAt(tokens: readonly string[], at: number): number | undefined {
  const token = tokens[at]
  return token !== undefined && INDEX.test(token) ? Number(token) : undefined
}

/**
 * Maps an issue path to the tab, step and question that show it: `/steps/2/questions/0/showWhen`
 * → design tab, step 2 (and its id), question 0 (and its id); `/settings/…` → settings;
 * `/targets/iab/…` → targets; `/name`, `/languages`, `` → settings (the flow section).
 */
export function locateIssue(path: string, doc: Flow | null): IssueLocation {
  const tokens = parsePointer(path)
  const head = tokens[0]
  if (head === 'targets') return { tab: 'targets', ...(tokens[1] ? { target: tokens[1] } : {}) }
  if (head !== 'steps') return { tab: 'settings' }
  const stepIndex = indexAt(tokens, 1)
  if (stepIndex === undefined) return { tab: 'design' }
  const step = doc?.steps[stepIndex] as { id?: string; questions?: unknown } | undefined
  const location: IssueLocation = { tab: 'design', stepIndex }
  if (typeof step?.id === 'string') location.stepId = step.id
  const questionIndex = tokens[2] === 'questions' ? indexAt(tokens, 3) : undefined
  if (questionIndex === undefined) return location
  location.questionIndex = questionIndex
  const questions = Array.isArray(step?.questions)
    ? (step.questions as Array<{ id?: unknown }>)
    : []
  const id = questions[questionIndex]?.id
  if (typeof id === 'string') location.questionId = id
  return location
}

export interface IssueCounts {
  errors: number
  warnings: number
}

/** Issues per step index (`/steps/<n>/…`); flow-level issues are not counted. */
export function issueCountsByStep(issues: readonly Issue[]): Map<number, IssueCounts> {
  const counts = new Map<number, IssueCounts>()
  for (const issue of issues) {
    const match = /^\/steps\/(\d+)(?:\/|$)/.exec(issue.path)
    if (!match) continue
    const index = Number(match[1])
    const entry = counts.get(index) ?? { errors: 0, warnings: 0 }
    if (issue.severity === 'error') entry.errors++
    else entry.warnings++
    counts.set(index, entry)
  }
  return counts
}

/** Issues per question index of step `stepIndex`. */
export function issueCountsByQuestion(
  issues: readonly Issue[],
  stepIndex: number,
): Map<number, IssueCounts> {
  const prefix = `/steps/${stepIndex}/questions/`
  const counts = new Map<number, IssueCounts>()
  for (const issue of issues) {
    if (!issue.path.startsWith(prefix)) continue
    const index = Number.parseInt(issue.path.slice(prefix.length), 10)
    if (Number.isNaN(index)) continue
    const entry = counts.get(index) ?? { errors: 0, warnings: 0 }
    if (issue.severity === 'error') entry.errors++
    else entry.warnings++
    counts.set(index, entry)
  }
  return counts
}

export interface IssueGroup {
  /** `flow` or the step's id (or `step-<n>` for a step without a usable id). */
  id: string
  label: string
  stepIndex?: number
  issues: Issue[]
}

const bySeverity = (a: Issue, b: Issue) =>
  Number(b.severity === 'error') - Number(a.severity === 'error')

/** Issues grouped for the issues panel: flow-level first, then one group per step in order. */
export function groupIssues(issues: readonly Issue[], doc: Flow | null): IssueGroup[] {
  const flow: Issue[] = []
  const steps = new Map<number, Issue[]>()
  for (const issue of issues) {
    const index = /^\/steps\/(\d+)(?:\/|$)/.exec(issue.path)?.[1]
    if (index === undefined) flow.push(issue)
    else steps.set(Number(index), [...(steps.get(Number(index)) ?? []), issue])
  }
  const groups: IssueGroup[] = []
  if (flow.length > 0)
    groups.push({ id: 'flow', label: 'Flow and settings', issues: flow.sort(bySeverity) })
  for (const index of [...steps.keys()].sort((a, b) => a - b)) {
    const step = doc?.steps[index] as { id?: unknown; key?: unknown } | undefined
    const key = typeof step?.key === 'string' && step.key !== '' ? step.key : `step ${index + 1}`
    groups.push({
      id: typeof step?.id === 'string' ? step.id : `step-${index}`,
      label: `${index + 1}. ${key}`,
      stepIndex: index,
      issues: (steps.get(index) as Issue[]).sort(bySeverity),
    })
  }
  return groups
}

function isPrefix(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(prefix + '/')
}

/**
 * The field (by its `data-field-path`) that best shows an issue at `path`: the field at exactly
 * that path, else the deepest field containing it (e.g. `/steps/1/flags` for
 * `/steps/1/flags/document_countries/2`), else the first field inside it (e.g.
 * `/steps/1/title/en` for `/steps/1/title`).
 */
export function closestFieldPath(path: string, fields: Iterable<string>): string | undefined {
  let containing: string | undefined
  let inside: string | undefined
  for (const field of fields) {
    if (field === path) return field
    if (isPrefix(field, path) && (containing === undefined || field.length > containing.length))
      containing = field
    else if (inside === undefined && isPrefix(path, field)) inside = field
  }
  return inside ?? containing
}

/** Where an issue is, in words: "step 4 source_of_funds › question employer", "settings", … */
export function describeLocation(path: string, doc: Flow | null): string {
  const location = locateIssue(path, doc)
  if (location.stepIndex === undefined) {
    const head = parsePointer(path)[0]
    if (location.tab === 'targets') return `target ${location.target ?? ''}`.trim()
    if (head === 'settings') return 'session settings'
    return head === 'steps' ? 'steps' : 'flow'
  }
  const step = doc?.steps[location.stepIndex]
  let text = `step ${location.stepIndex + 1}${step ? ` ${step.key}` : ''}`
  if (location.questionIndex !== undefined) {
    const questions = (step as { questions?: Array<{ key?: string }> } | undefined)?.questions
    const key = questions?.[location.questionIndex]?.key
    text += ` › question ${key ?? location.questionIndex + 1}`
  }
  return text
}
