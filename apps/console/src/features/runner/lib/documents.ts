import type { MediaKind } from '../runner.types.ts'

/** Identity document types the runner knows (Identomat's legacy values, providers.md §3.7). */
export const IDENTITY_DOCUMENT_TYPES = [
  'id',
  'passport',
  'driver_license',
  'residence_license',
] as const
/** General document types known to be accepted (the full provider list is unpublished). */
export const GENERAL_DOCUMENT_TYPES = ['utility_bill', 'bank_statement'] as const
/** Pages one general document may have (the API keeps at most 10 per step). */
export const MAX_GENERAL_DOCUMENT_PAGES = 10

/** One picture the user takes of an identity document. */
export interface DocumentSide {
  kind: Extract<MediaKind, 'document_front' | 'document_back'>
  side: 'front' | 'back' | 'photo-page'
}

/** The types the user may pick from: the flag's list (kept in its order), or every known type. */
export function documentTypeChoices(flagged: unknown, known: readonly string[]): string[] {
  const list = Array.isArray(flagged)
    ? flagged.filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    : []
  return list.length > 0 ? [...new Set(list)] : [...known]
}

/** Passports are one page; ID cards, licences and permits have a front and a back. */
export function sidesOf(documentType: string): DocumentSide[] {
  if (documentType === 'passport') return [{ kind: 'document_front', side: 'photo-page' }]
  return [
    { kind: 'document_front', side: 'front' },
    { kind: 'document_back', side: 'back' },
  ]
}

/** Capture through the camera and/or by uploading a file, from the identity-document flags. */
export function identityCaptureModes(flags: Record<string, unknown>): {
  camera: boolean
  upload: boolean
} {
  if (flags.disable_document_capture === true) return { camera: false, upload: true }
  return { camera: true, upload: flags.allow_document_upload === true }
}

/** The readable name of a document type not in the catalogue: `driver_license` → "Driver license". */
export function humanise(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/**
 * A step's flags as a plain record. (The schema's `flagsOf` lives beside the step schemas, whose
 * TypeBox definitions would more than double the runner page's JavaScript.)
 */
export function stepFlags(step: object): Record<string, unknown> {
  const flags = (step as { flags?: unknown }).flags
  return flags && typeof flags === 'object' ? (flags as Record<string, unknown>) : {}
}
