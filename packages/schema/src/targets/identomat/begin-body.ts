import type { LocalizedText } from '../../common.schema.ts'

/** Identomat `showConditions`: show when the question `questionKey` has the answer `answer`. */
export interface IdentomatShowConditions {
  questionKey: string
  answer: string
}

export interface IdentomatQuestion {
  type: string
  key: string
  title?: LocalizedText
  mandatory?: boolean
  readOnly?: boolean
  answer?: string | string[]
  showConditions?: IdentomatShowConditions
  options?: Array<{ key: string; title?: LocalizedText }>
}

export interface IdentomatStep {
  type: string
  key: string
  title?: LocalizedText
  description?: LocalizedText
  successButtonTitle?: LocalizedText
  flags?: Record<string, unknown>
  questions?: IdentomatQuestion[]
  [videoCallOption: string]: unknown
}

/** The body of `POST https://widget.identomat.com/external-api/begin/` (seed 004). */
export interface IdentomatBeginBody {
  company_key: string
  config_id?: string
  flags: Record<string, unknown>
  steps: IdentomatStep[]
}

/**
 * Session-level flags: Identomat name ↔ Veriflow settings field, in the guide's order
 * (`return_url` ↔ settings.returnUrl and `language` ↔ languages[0] are handled on their own).
 */
export const IDENTOMAT_SETTING_FLAGS = [
  ['skip_desktop', 'skipDesktop'],
  ['switch_device_url', 'switchDeviceUrl'],
  ['restrict_url_sharing', 'restrictUrlSharing'],
  ['optional_continue_on_another_device', 'optionalContinueOnAnotherDevice'],
  ['multiple_participants', 'multipleParticipants'],
] as const

/** Flags that live in targets.identomat (Identomat-only). */
export const IDENTOMAT_TARGET_FLAGS = ['skip_face', 'skip_document'] as const

/** Legacy top-level flags (pre-steps API). */
export const IDENTOMAT_LEGACY_FLAGS = [
  'liveness',
  'document_types',
  'document_countries',
  'general_document_types',
  'allow_document_upload',
  'allow_general_document_capture',
  'allow_general_document_upload',
  'skip_agreement',
] as const

/** Video-call options, shown on the step in the guide (placement configurable). */
export const VIDEO_CALL_OPTIONS = ['resetSteps', 'hideCameraOption', 'nameRequired'] as const
