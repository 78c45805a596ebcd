import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox'
import { Id, Key, LocalizedText } from './common.schema.ts'
import { Question } from './questionnaire.schema.ts'
import {
  EmailFlags,
  FaceDocumentFlags,
  GeneralDocumentFlags,
  IdentityDocumentFlags,
  LivenessFlags,
  PhoneNumberFlags,
  VideoCallFlags,
} from './step-flags.schema.ts'

/** The `$id` of a step type's schema; the step union refers to each by it. */
export function stepSchemaId(type: string): string {
  return `urn:veriflow:schema:step:${type}`
}

function flagStep<T extends string, F extends TSchema>(type: T, flags: F) {
  return Type.Object(
    {
      id: Id,
      type: Type.Literal(type),
      key: Key,
      title: Type.Optional(LocalizedText),
      flags: Type.Optional(flags),
    },
    { $id: stepSchemaId(type), additionalProperties: false },
  )
}

const questionnaireFields = {
  id: Id,
  key: Key,
  title: Type.Optional(LocalizedText),
  description: Type.Optional(LocalizedText),
  questions: Type.Array(Question, { maxItems: 2000 }),
}

export const IdentityDocumentStep = flagStep('identity-document', IdentityDocumentFlags)
export const LivenessStep = flagStep('liveness', LivenessFlags)
export const GeneralDocumentStep = flagStep('general-document', GeneralDocumentFlags)
export const FaceDocumentStep = flagStep('face-document', FaceDocumentFlags)
export const VideoCallStep = flagStep('video-call', VideoCallFlags)
export const PhoneNumberStep = flagStep('phone-number', PhoneNumberFlags)
export const EmailStep = flagStep('email', EmailFlags)
export const UserQuestionnaireStep = Type.Object(
  {
    ...questionnaireFields,
    type: Type.Literal('user-questionnaire'),
    /** Title of the questionnaire's action button. @default "Confirm" */
    successButtonTitle: Type.Optional(LocalizedText),
  },
  { $id: stepSchemaId('user-questionnaire'), additionalProperties: false },
)
/** Filled in by the reviewer in the console; never shown to the end user. */
export const OperatorQuestionnaireStep = Type.Object(
  { ...questionnaireFields, type: Type.Literal('operator-questionnaire') },
  { $id: stepSchemaId('operator-questionnaire'), additionalProperties: false },
)

const STEP_SCHEMAS = [
  IdentityDocumentStep,
  LivenessStep,
  GeneralDocumentStep,
  FaceDocumentStep,
  VideoCallStep,
  PhoneNumberStep,
  EmailStep,
  UserQuestionnaireStep,
  OperatorQuestionnaireStep,
] as const

/** A step of any of the nine types (the union of the step schemas' static types). */
export type Step = Static<(typeof STEP_SCHEMAS)[number]>
export type StepType = Step['type']
export type QuestionnaireStep = Extract<Step, { questions: unknown }>
export type FlagStep = Exclude<Step, QuestionnaireStep>

/** The nine step schemas by name, for the flow schema's `$defs`. */
export const STEP_DEFS: Record<string, TObject> = Object.fromEntries(
  STEP_SCHEMAS.map((schema) => [schema.properties.type.const, schema]),
)

/**
 * A step of any of the nine types: a discriminated `oneOf` on `type` whose branches are `$ref`s
 * to the step schemas in the flow schema's `$defs`. An error is reported against the branch the
 * step claims to be, not against all nine, and referenced branches compile to separate
 * functions, which validates several times faster than nine inlined branches.
 */
export const Step = Type.Unsafe<Step>({
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string' } },
  discriminator: { propertyName: 'type' },
  oneOf: STEP_SCHEMAS.map((schema) => ({ $ref: schema.$id })),
})

/** The flags schema of each flag-carrying step type (used by the designer's inspector). */
export const STEP_FLAG_SCHEMAS = {
  'identity-document': IdentityDocumentFlags,
  liveness: LivenessFlags,
  'general-document': GeneralDocumentFlags,
  'face-document': FaceDocumentFlags,
  'video-call': VideoCallFlags,
  'phone-number': PhoneNumberFlags,
  email: EmailFlags,
} as const

export function isQuestionnaireStep(step: Step): step is QuestionnaireStep {
  return step.type === 'user-questionnaire' || step.type === 'operator-questionnaire'
}

/** The flags of a step as a plain record (questionnaires have none). */
export function flagsOf(step: Step): Record<string, unknown> {
  return isQuestionnaireStep(step) ? {} : ((step.flags ?? {}) as Record<string, unknown>)
}
