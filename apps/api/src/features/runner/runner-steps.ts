import {
  checkAnswers,
  flagsOf,
  pointer,
  type Answers,
  type Flow,
  type Step,
} from '@veriflow/schema'
import type { ErrorEntry } from '../../common/errors/app-error.ts'
import type { ContactChannel, StepContact } from '../sessions/session-state.ts'

/** What the runner API calls a capture: the step it belongs to decides which kinds fit. */
export const MEDIA_KINDS = [
  'document_front',
  'document_back',
  'selfie',
  'liveness_frame',
  'face_document',
  'general_document_page',
] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

const KINDS_BY_STEP: Partial<Record<Step['type'], readonly MediaKind[]>> = {
  'identity-document': ['document_front', 'document_back'],
  liveness: ['selfie', 'liveness_frame'],
  'face-document': ['face_document'],
  'general-document': ['general_document_page'],
}

/** Kinds of which a step keeps one capture: a new upload replaces the old one (a retake). */
export const SINGLE_KINDS: ReadonlySet<MediaKind> = new Set([
  'document_front',
  'document_back',
  'selfie',
  'face_document',
])

/** How many captures of a repeatable kind one step keeps. */
export const MAX_CAPTURES_PER_KIND: Record<MediaKind, number> = {
  document_front: 1,
  document_back: 1,
  selfie: 1,
  face_document: 1,
  liveness_frame: 30,
  general_document_page: 10,
}

/** What a step has collected so far, for checking it. */
export interface StepCollected {
  answers: Answers | undefined
  contact: StepContact | undefined
  mediaKinds: readonly MediaKind[]
}

/** The steps the end user goes through (operator questionnaires are the reviewer's). */
export function runnableSteps(flow: Flow): Step[] {
  return flow.steps.filter((step) => step.type !== 'operator-questionnaire')
}

export function mediaKindsOf(step: Step): readonly MediaKind[] {
  return KINDS_BY_STEP[step.type] ?? []
}

export function contactChannelOf(step: Step): ContactChannel | undefined {
  if (step.type === 'phone-number') return 'sms'
  if (step.type === 'email') return 'email'
  return undefined
}

/** Whether the step's flags ask for the contact to be verified by OTP / given at all. */
export function contactRequirement(step: Step): { required: boolean; verify: boolean } {
  const flags = flagsOf(step)
  if (step.type === 'phone-number')
    return {
      verify: flags.require_phone_number_check === true,
      required: flags.require_phone_number === true || flags.require_phone_number_check === true,
    }
  if (step.type === 'email')
    return {
      verify: flags.require_email_check === true,
      required: flags.require_email === true || flags.require_email_check === true,
    }
  return { required: false, verify: false }
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/

/** The normalised contact value, or undefined when it is not a plausible one. */
export function normaliseContact(channel: ContactChannel, value: string): string | undefined {
  const trimmed = value.trim()
  if (channel === 'email') return trimmed.length <= 254 && EMAIL.test(trimmed) ? trimmed : undefined
  const compact = trimmed.replace(/[\s().-]/g, '')
  return /^\+?[1-9]\d{6,14}$/.test(compact) ? compact : undefined
}

function missing(stepId: string, suffix: string, code: string, message: string): ErrorEntry {
  return { path: pointer('steps', stepId) + suffix, code, message }
}

/**
 * What still stops a step from being complete, with paths under `/steps/<step id>`: a
 * questionnaire's answers checked with the shared evaluator (hidden questions are never
 * required), the captures and the contact (and its OTP) the step's flags ask for.
 */
export function stepProblems(step: Step, collected: StepCollected): ErrorEntry[] {
  const has = (kind: MediaKind) => collected.mediaKinds.includes(kind)
  switch (step.type) {
    case 'user-questionnaire':
      return checkAnswers(step.questions, collected.answers ?? {}).issues.map((issue) => ({
        path: pointer('steps', step.id, 'answers') + issue.path,
        code: issue.code,
        message: issue.message,
      }))
    case 'identity-document':
      return has('document_front')
        ? []
        : [
            missing(
              step.id,
              '/media/document_front',
              'CAPTURE_REQUIRED',
              'capture the front of the document',
            ),
          ]
    case 'liveness':
      return has('selfie') || has('liveness_frame')
        ? []
        : [missing(step.id, '/media/selfie', 'CAPTURE_REQUIRED', 'take the selfie')]
    case 'face-document':
      return flagsOf(step).require_face_document === true && !has('face_document')
        ? [
            missing(
              step.id,
              '/media/face_document',
              'CAPTURE_REQUIRED',
              'take the picture with your document',
            ),
          ]
        : []
    case 'general-document':
      return has('general_document_page')
        ? []
        : [missing(step.id, '/media/general_document_page', 'CAPTURE_REQUIRED', 'add the document')]
    case 'phone-number':
    case 'email': {
      const { required, verify } = contactRequirement(step)
      if (required && !collected.contact)
        return [missing(step.id, '/value', 'CONTACT_REQUIRED', 'this step needs a value')]
      if (verify && !collected.contact?.verifiedAt)
        return [missing(step.id, '/otp', 'OTP_REQUIRED', 'verify the code sent to you')]
      return []
    }
    default:
      return []
  }
}
