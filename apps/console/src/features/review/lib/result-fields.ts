import { humanise } from './labels.ts'

/** One line of the provider's normalised result. */
export interface ResultField {
  label: string
  value: string
  /** How to colour the value: a verdict that passed, failed or needs a look. */
  tone?: 'success' | 'danger' | 'warning'
}

/** A titled group of lines ("Person" of an Identomat result). */
export interface ResultGroup {
  title: string | null
  fields: ResultField[]
}

const LABELS: Record<string, string> = {
  result: 'Result',
  similarity: 'Face similarity',
  live: 'Live person',
  rejectReason: 'Reject reason',
  resultComment: 'Comment',
  documentType: 'Document type',
  reasonCode: 'Reason code',
  submissionId: 'Submission id',
  decision: 'Risk',
  provider: 'Provider',
  verified: 'Verified automatically',
  note: 'Note',
  steps: 'Steps',
  captures: 'Captures',
  verifiedContacts: 'Verified contacts',
  questionnaires: 'Questionnaires',
}

const GOOD = new Set(['approved', 'valid', 'low', 'passed', 'true'])
const BAD = new Set(['rejected', 'invalid', 'high', 'failed', 'false'])
const DOUBT = new Set(['medium', 'review_needed'])

/** Verdicts read the same across providers: Identomat approved, OneKYC VALID, Trustmatic LOW. */
function toneOf(key: string, value: unknown): ResultField['tone'] {
  if (!['result', 'live', 'decision', 'verified'].includes(key)) return undefined
  const word = String(value).toLowerCase()
  if (GOOD.has(word)) return 'success'
  if (BAD.has(word)) return key === 'verified' ? undefined : 'danger'
  if (DOUBT.has(word)) return 'warning'
  return undefined
}

function text(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (key === 'similarity' && typeof value === 'number')
    return value <= 1 ? `${Math.round(value * 1000) / 10}%` : String(value)
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(compact).join('; ')
  return compact(value)
}

/** A small object on one line: `{ value: "X1", description: "Blurry" }` → "X1 — Blurry". */
function compact(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value)
  const record = value as Record<string, unknown>
  if ('value' in record && ('description' in record || Object.keys(record).length === 1))
    return [record.value, record.description].filter((v) => v !== null && v !== '').join(' — ')
  return Object.entries(record)
    .map(
      ([k, v]) =>
        `${humanise(k)}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`,
    )
    .join(', ')
}

/**
 * The normalised provider result as label/value lines: scalars first, then each nested object
 * of scalars as its own group (Identomat's `person`). Never HTML: the values are plain text.
 */
export function resultGroups(result: Record<string, unknown> | null): ResultGroup[] {
  if (!result) return []
  const main: ResultField[] = []
  const groups: ResultGroup[] = []
  for (const [key, value] of Object.entries(result)) {
    const label = LABELS[key] ?? humanise(key)
    const nested =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined
    if (nested && Object.keys(nested).length > 2 && !('value' in nested)) {
      groups.push({
        title: label,
        fields: Object.entries(nested).map(([k, v]) => ({ label: humanise(k), value: text(k, v) })),
      })
      continue
    }
    const tone = toneOf(key, value)
    main.push({ label, value: text(key, value), ...(tone ? { tone } : {}) })
  }
  return main.length > 0 ? [{ title: null, fields: main }, ...groups] : groups
}

/** The raw provider payload, pretty-printed for a `<pre>` (text, never markup). */
export function prettyJson(value: unknown): string {
  if (value === undefined) return ''
  try {
    return JSON.stringify(value, null, 2)
  } catch {
    return String(value)
  }
}
