import {
  REASON_TEMPLATE_LIMITS,
  SESSION_TTL_MINUTES,
  type AppSettings,
  type AppSettingsPatch,
  type DecisionKind,
} from '../app-settings.api.ts'

export const DECISION_KINDS: ReadonlyArray<{ kind: DecisionKind; label: string; help: string }> = [
  {
    kind: 'approved',
    label: 'Approved',
    help: 'Optional notes a reviewer may pick when approving.',
  },
  {
    kind: 'rejected',
    label: 'Rejected',
    help: 'A reason is required to reject; these are offered first, free text stays possible.',
  },
  {
    kind: 'resubmission_requested',
    label: 'Resubmission requested',
    help: 'Tell the person what to redo; a reason is required.',
  },
]

/** One template in the editor; `key` keeps its row (and focus) while the list is reordered. */
export interface TemplateRow {
  key: number
  text: string
}

export interface ReviewForm {
  fourEyes: boolean
  templates: Record<DecisionKind, TemplateRow[]>
  /** As typed; checked before saving. */
  ttlMinutes: string
}

let nextKey = 1

/** A new editor row (empty, or with text). */
export function templateRow(text = ''): TemplateRow {
  return { key: nextKey++, text }
}

export function reviewForm(settings: AppSettings): ReviewForm {
  const rows = (kind: DecisionKind) => settings.reasonTemplates[kind].map((t) => templateRow(t))
  return {
    fourEyes: settings.fourEyes,
    templates: {
      approved: rows('approved'),
      rejected: rows('rejected'),
      resubmission_requested: rows('resubmission_requested'),
    },
    ttlMinutes: String(settings.sessionTtlMinutesDefault),
  }
}

/** The list with the row at `index` moved by `delta` places (unchanged at the ends). */
export function moveRow<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list]
  const next = [...list]
  const [row] = next.splice(index, 1)
  next.splice(target, 0, row as T)
  return next
}

function templateTexts(rows: readonly TemplateRow[]): string[] {
  return rows.map((row) => row.text.trim())
}

/** What the form asks to change, or null when nothing changed. */
export function reviewPatch(settings: AppSettings, form: ReviewForm): AppSettingsPatch | null {
  const patch: AppSettingsPatch = {}
  if (form.fourEyes !== settings.fourEyes) patch.fourEyes = form.fourEyes
  const ttl = Number(form.ttlMinutes.trim())
  if (form.ttlMinutes.trim() !== '' && ttl !== settings.sessionTtlMinutesDefault)
    patch.sessionTtlMinutesDefault = ttl
  for (const { kind } of DECISION_KINDS) {
    const texts = templateTexts(form.templates[kind])
    if (JSON.stringify(texts) !== JSON.stringify(settings.reasonTemplates[kind]))
      (patch.reasonTemplates ??= {})[kind] = texts
  }
  return Object.keys(patch).length > 0 ? patch : null
}

/** Problems by field pointer, the same pointers the API uses ("/reasonTemplates/rejected/2"). */
export function reviewFormProblems(form: ReviewForm): Record<string, string> {
  const problems: Record<string, string> = {}
  const { min, max } = SESSION_TTL_MINUTES
  const ttl = Number(form.ttlMinutes.trim())
  if (form.ttlMinutes.trim() === '' || !Number.isInteger(ttl) || ttl < min || ttl > max)
    problems['/sessionTtlMinutesDefault'] = `Enter whole minutes from ${min} to ${max}.`
  for (const { kind } of DECISION_KINDS) {
    const texts = templateTexts(form.templates[kind])
    if (texts.length > REASON_TEMPLATE_LIMITS.maxItems)
      problems[`/reasonTemplates/${kind}`] =
        `At most ${REASON_TEMPLATE_LIMITS.maxItems} templates per decision.`
    const seen = new Set<string>()
    texts.forEach((text, i) => {
      const path = `/reasonTemplates/${kind}/${i}`
      if (text === '') problems[path] = 'Enter the text, or remove this template.'
      else if (text.length > REASON_TEMPLATE_LIMITS.maxLength)
        problems[path] = `At most ${REASON_TEMPLATE_LIMITS.maxLength} characters.`
      else if (seen.has(text.toLowerCase())) problems[path] = 'This template is already listed.'
      seen.add(text.toLowerCase())
    })
  }
  return problems
}

/** Every pointer an issue of this form may name. */
export function reviewFieldPointers(form: ReviewForm): string[] {
  const pointers = ['/fourEyes', '/sessionTtlMinutesDefault']
  for (const { kind } of DECISION_KINDS) {
    pointers.push(`/reasonTemplates/${kind}`)
    form.templates[kind].forEach((_, i) => pointers.push(`/reasonTemplates/${kind}/${i}`))
  }
  return pointers
}
