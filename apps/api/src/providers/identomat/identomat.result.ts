import { isRecord, malformed } from '../http/provider-http.ts'
import type { ProviderResult } from '../provider.types.ts'

/** `person` fields shown in review: Identomat name → summary name (providers.md §3.5). */
const PERSON_FIELDS = {
  first_name: 'firstName',
  last_name: 'lastName',
  local_first_name: 'localFirstName',
  local_last_name: 'localLastName',
  local_middle_name: 'localMiddleName',
  birthday: 'birthday',
  age: 'age',
  birth_place: 'birthPlace',
  sex: 'sex',
  citizenship: 'citizenship',
  nationality: 'nationality',
  issuing_state: 'issuingState',
  document_number: 'documentNumber',
  document_issued: 'documentIssued',
  document_expires: 'documentExpires',
  personal_number: 'personalNumber',
  authority: 'authority',
  address: 'address',
  email: 'email',
  phone: 'phone',
  status: 'status',
} as const

function scalar(value: unknown): string | number | boolean | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined
}

function person(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined
  const out: Record<string, unknown> = {}
  for (const [from, to] of Object.entries(PERSON_FIELDS)) {
    const field = scalar(value[from])
    if (field !== undefined && field !== '') out[to] = field
  }
  return out
}

function rejectReason(value: unknown): { value: string; description: string | null } | undefined {
  if (!isRecord(value) || typeof value.value !== 'string' || value.value === '') return undefined
  return {
    value: value.value,
    description: typeof value.description === 'string' ? value.description : null,
  }
}

function questionnaires(value: unknown) {
  if (!Array.isArray(value)) return undefined
  return value.filter(isRecord).map((q) => ({
    key: scalar(q.key) ?? null,
    questions: (Array.isArray(q.questions) ? q.questions : [])
      .filter(isRecord)
      .map((a) => ({ key: scalar(a.key) ?? null, answer: a.answer ?? null })),
  }))
}

/** Drops undefined fields so the summary shows only what Identomat sent. */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}

/**
 * Maps an `external-api/result/` answer: `approved` → passed, `rejected` → failed (both final);
 * any other value (undocumented: manual check, in progress, …) is not final.
 */
export function identomatResult(raw: unknown): ProviderResult {
  if (!isRecord(raw)) throw malformed('identomat', 'result', 'expected a JSON object')
  const result = typeof raw.result === 'string' ? raw.result : null
  const outcome = result === 'approved' ? 'passed' : result === 'rejected' ? 'failed' : null
  const summary = defined({
    result,
    similarity: typeof raw.similarity === 'number' ? raw.similarity : undefined,
    live: typeof raw.live === 'boolean' ? raw.live : undefined,
    rejectReason: rejectReason(raw.reject_reason),
    resultComment:
      typeof raw.result_comment === 'string' && raw.result_comment !== ''
        ? raw.result_comment
        : undefined,
    documentType:
      typeof raw.document_type === 'string' && raw.document_type !== ''
        ? raw.document_type
        : undefined,
    person: person(raw.person),
    questionnaires: questionnaires(raw.questionnaires),
  })
  return { final: outcome !== null, outcome, summary, raw }
}
