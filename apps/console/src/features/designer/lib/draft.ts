import { createId, type Flow } from '@veriflow/schema'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const QUESTIONNAIRES = new Set(['user-questionnaire', 'operator-questionnaire'])

const hasId = (value: unknown): value is Record<string, unknown> =>
  isObject(value) && typeof value.id === 'string' && value.id !== ''

/** A step object with an id; a questionnaire with a list of questions that have ids. */
function repairStep(step: unknown, n: number, repairs: string[]): unknown {
  let out = step
  if (!hasId(out)) {
    repairs.push(`steps/${n}/id`)
    out = { ...(isObject(step) ? step : {}), id: createId('s') }
  }
  const record = out as Record<string, unknown>
  if (!QUESTIONNAIRES.has(record.type as string)) return out
  if (!Array.isArray(record.questions)) {
    repairs.push(`steps/${n}/questions`)
    return { ...record, questions: [] }
  }
  const questions = record.questions as unknown[]
  if (questions.every(hasId)) return out
  return {
    ...record,
    questions: questions.map((question, j) => {
      if (hasId(question)) return question
      repairs.push(`steps/${n}/questions/${j}/id`)
      return { ...(isObject(question) ? question : {}), id: createId('q') }
    }),
  }
}

/**
 * A stored draft made safe to edit: the API keeps drafts even when they do not follow the
 * schema, but the designer needs a name, a language and a list of steps with string ids. Only
 * what is missing is filled in (and listed in `repairs`); every other field is kept as it is, and
 * validation reports whatever else is wrong. The input is returned untouched when it needs nothing.
 */
export function toEditableFlow(raw: unknown): { doc: Flow; repairs: string[] } {
  const source = isObject(raw) ? raw : {}
  const repairs: string[] = []
  const doc: Record<string, unknown> = { ...source }
  if (doc.schemaVersion === undefined) {
    doc.schemaVersion = 1
    repairs.push('schemaVersion')
  }
  if (typeof doc.name !== 'string') {
    doc.name = 'Untitled flow'
    repairs.push('name')
  }
  const languages = Array.isArray(doc.languages)
    ? doc.languages.filter((l): l is string => typeof l === 'string')
    : []
  if (languages.length === 0 || languages.length !== (doc.languages as unknown[]).length) {
    doc.languages = languages.length > 0 ? languages : ['en']
    repairs.push('languages')
  }
  if (!Array.isArray(doc.steps)) {
    doc.steps = []
    repairs.push('steps')
  }
  doc.steps = (doc.steps as unknown[]).map((step, n) => repairStep(step, n, repairs))
  if (repairs.length === 0) return { doc: raw as Flow, repairs }
  return { doc: doc as Flow, repairs }
}
