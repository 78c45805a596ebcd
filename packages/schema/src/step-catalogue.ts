import type { StepType } from './step.schema.ts'

/** What the designer's palette shows for a step type, and the key the provider documents. */
export interface StepTypeInfo {
  type: StepType
  label: string
  description: string
  /** The default key documented by Identomat (questionnaires have none: the client chooses). */
  defaultKey: string
}

/** The nine step types, in the order the provider documents them. */
export const STEP_CATALOGUE: readonly StepTypeInfo[] = [
  {
    type: 'identity-document',
    label: 'Identity document',
    description: 'Scan or upload an ID card, passport or licence.',
    defaultKey: 'identity-document',
  },
  {
    type: 'liveness',
    label: 'Liveness',
    description: 'Selfie check that a live person is present (passive or active).',
    defaultKey: 'liveness',
  },
  {
    type: 'general-document',
    label: 'General document',
    description: 'Proof of address and other documents, such as a utility bill.',
    defaultKey: 'select_general_document',
  },
  {
    type: 'face-document',
    label: 'Face with document',
    description: 'A picture of the user holding their document next to their face.',
    defaultKey: 'capture_face_document',
  },
  {
    type: 'video-call',
    label: 'Video call',
    description: 'A live call with an operator who verifies the user manually.',
    defaultKey: 'video-call',
  },
  {
    type: 'phone-number',
    label: 'Phone number',
    description: 'Collect a phone number and optionally verify it by one-time code.',
    defaultKey: 'phone_number',
  },
  {
    type: 'email',
    label: 'Email address',
    description: 'Collect an email address and optionally verify it by one-time code.',
    defaultKey: 'require_email',
  },
  {
    type: 'user-questionnaire',
    label: 'User questionnaire',
    description: 'A form the user fills in, with conditional questions.',
    defaultKey: 'questionnaire',
  },
  {
    type: 'operator-questionnaire',
    label: 'Operator questionnaire',
    description: 'A form the reviewer fills in on the session; not shown to the user.',
    defaultKey: 'operator_questionnaire',
  },
]

export const STEP_TYPES = STEP_CATALOGUE.map((info) => info.type)
