import {
  STEP_FLAG_SCHEMAS,
  flagsOf,
  isQuestionnaireStep,
  type Step,
  type StepType,
} from '@veriflow/schema'

/** Which control the inspector and the settings panels render for a field. */
export type FieldControl =
  'switch' | 'tristate' | 'select' | 'text' | 'url' | 'integer' | 'countries' | 'choices'

/** A field of a flow-document object, described from its JSON Schema (label, help, default). */
export interface SchemaField {
  name: string
  control: FieldControl
  label: string
  help: string
  default?: unknown
  /** Allowed values (select) or known values offered first (choices). */
  options?: readonly string[]
  pattern?: string
  minimum?: number
  maximum?: number
}

interface PropertySchema {
  type?: string
  title?: string
  description?: string
  default?: unknown
  enum?: string[]
  pattern?: string
  minimum?: number
  maximum?: number
  items?: PropertySchema
}

/**
 * Values the provider documents for list flags. The schema only names them in the description,
 * so they are repeated here as suggestions; any other value can still be typed in.
 */
export const KNOWN_LIST_VALUES: Record<string, readonly string[]> = {
  document_types: ['id', 'passport', 'driver_license', 'residence_license'],
  general_document_types: ['utility_bill', 'bank_statement'],
}

const WORDS: Record<string, string> = { url: 'URL', qr: 'QR', ttl: 'TTL', id: 'ID', otp: 'OTP' }

/** `sessionTtlMinutes` → "Session TTL minutes", `config_id` → "Config ID". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase())
  const text = words.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function controlOf(name: string, schema: PropertySchema): FieldControl | null {
  switch (schema.type) {
    case 'boolean':
      return schema.default === undefined ? 'tristate' : 'switch'
    case 'integer':
    case 'number':
      return 'integer'
    case 'array':
      return schema.items?.pattern === '^[A-Z]{3}$' ? 'countries' : 'choices'
    case 'string':
      if (schema.enum) return 'select'
      return /Url$/.test(name) ? 'url' : 'text'
    default:
      return null
  }
}

/**
 * The editable fields of an object schema, in schema order. Nested objects are left to
 * dedicated editors; names in `skip` are left out.
 */
export function fieldsOf(
  schema: { properties: Record<string, unknown> },
  skip: readonly string[] = [],
): SchemaField[] {
  const out: SchemaField[] = []
  for (const [name, raw] of Object.entries(schema.properties)) {
    const property = raw as PropertySchema
    const control = controlOf(name, property)
    if (control === null || skip.includes(name)) continue
    const field: SchemaField = {
      name,
      control,
      label: property.title ?? humanize(name),
      help: property.description ?? '',
    }
    if (property.default !== undefined) field.default = property.default
    const options = property.enum ?? KNOWN_LIST_VALUES[name]
    if (options) field.options = options
    if (property.pattern) field.pattern = property.pattern
    if (property.minimum !== undefined) field.minimum = property.minimum
    if (property.maximum !== undefined) field.maximum = property.maximum
    out.push(field)
  }
  return out
}

const flagFieldCache = new Map<string, SchemaField[]>()

/** The flag fields of a step type (none for questionnaires). */
export function flagFieldsOf(type: StepType): SchemaField[] {
  const cached = flagFieldCache.get(type)
  if (cached) return cached
  const schema = STEP_FLAG_SCHEMAS[type as keyof typeof STEP_FLAG_SCHEMAS]
  const fields = schema ? fieldsOf(schema as { properties: Record<string, unknown> }) : []
  flagFieldCache.set(type, fields)
  return fields
}

/** "Default: off", "Default: on", "Default: none", "Default: 15". */
export function defaultText(field: SchemaField): string {
  const value = field.default
  if (value === true) return 'Default: on'
  if (value === false) return 'Default: off'
  if (value === undefined) return field.control === 'tristate' ? "Default: provider's" : ''
  if (Array.isArray(value)) return value.length === 0 ? 'Default: none (no restriction)' : ''
  return `Default: ${String(value)}`
}

function shortList(values: readonly unknown[]): string {
  const shown = values.slice(0, 3).map(String).join(', ')
  return values.length > 3 ? `${shown} +${values.length - 3}` : shown
}

/**
 * One line per card: what the step does beyond its defaults ("Allow document upload ·
 * Document types: id, passport"), or the questionnaire's size.
 */
export function stepSummary(step: Step): string {
  if (isQuestionnaireStep(step)) {
    const questions = Array.isArray(step.questions) ? step.questions : []
    const conditional = questions.filter((q) => q.showWhen).length
    const count = `${questions.length} question${questions.length === 1 ? '' : 's'}`
    return conditional > 0 ? `${count} · ${conditional} conditional` : count
  }
  const flags = flagsOf(step)
  const parts: string[] = []
  for (const field of flagFieldsOf(step.type)) {
    const value = flags[field.name]
    if (value === true) parts.push(field.label)
    else if (Array.isArray(value) && value.length > 0)
      parts.push(`${field.label}: ${shortList(value)}`)
  }
  return parts.length > 0 ? parts.join(' · ') : 'Defaults'
}
