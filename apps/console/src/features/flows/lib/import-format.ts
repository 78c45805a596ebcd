import type { ImportSource } from '../flows.api.ts'

/** What the import dialog could tell about a pasted or uploaded payload. */
export interface FormatDetection {
  /** The likely format; null when nothing points either way (the user picks). */
  source: ImportSource | null
  /** The top-level fields that decided it, shown as "found company_key, flags". */
  evidence: string[]
}

/** Top-level fields only an Identomat `begin` body has (seed 004, incl. legacy flags). */
const IDENTOMAT_FIELDS = [
  'company_key',
  'config_id',
  'flags',
  'skip_face',
  'skip_document',
  'return_url',
  'document_types',
  'document_countries',
]

/** Top-level fields only a Veriflow flow document has (packages/schema flow.schema.ts). */
const VERIFLOW_FIELDS = ['schemaVersion', 'languages', 'settings', 'targets', 'description']

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Veriflow steps carry an `id` ("s1"); Identomat steps never do. */
function stepsHaveIds(steps: unknown): boolean | undefined {
  if (!Array.isArray(steps) || steps.length === 0) return undefined
  return steps.every((step) => isRecord(step) && typeof step.id === 'string')
}

/**
 * Tells an Identomat begin body from a Veriflow flow document by the fields each one alone has.
 * The user may override it; the API validates whichever format is chosen.
 */
export function detectImportFormat(payload: unknown): FormatDetection {
  if (!isRecord(payload)) return { source: null, evidence: [] }
  const identomat = IDENTOMAT_FIELDS.filter((field) => field in payload)
  const veriflow = VERIFLOW_FIELDS.filter((field) => field in payload)
  if (typeof payload.$schema === 'string' && payload.$schema.includes('flow.schema'))
    veriflow.push('$schema')
  const ids = stepsHaveIds(payload.steps)
  if (ids === true) veriflow.push('steps[].id')
  if (ids === false) identomat.push('steps without id')
  if (veriflow.length > identomat.length) return { source: 'veriflow', evidence: veriflow }
  if (identomat.length > veriflow.length) return { source: 'identomat', evidence: identomat }
  return { source: null, evidence: [] }
}

/** Human name of a format. */
export function formatLabel(source: ImportSource): string {
  return source === 'identomat' ? 'Identomat begin body' : 'Veriflow flow'
}
