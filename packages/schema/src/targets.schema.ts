import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from './common.schema.ts'

const enabled = Type.Boolean({
  default: false,
  description: 'Compile and launch this flow on this target.',
})

/** Identomat legacy top-level flags (pre-steps API, legacy manual); only for old integrations. */
export const IdentomatLegacyFlags = Type.Object(
  {
    liveness: Type.Optional(
      Type.Boolean({ description: 'Legacy: active liveness for the whole session.' }),
    ),
    document_types: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    document_countries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{3}$' }))),
    general_document_types: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    allow_document_upload: Type.Optional(Type.Boolean()),
    allow_general_document_capture: Type.Optional(Type.Boolean()),
    allow_general_document_upload: Type.Optional(Type.Boolean()),
    skip_agreement: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, description: 'Legacy top-level flags, sent as they are.' },
)

export const IdentomatTarget = Type.Object(
  {
    enabled,
    sendLanguage: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'Send the flow\'s first language as `flags.language`. Off: Identomat picks its default ("en").',
      }),
    ),
    skip_face: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Identomat `skip_face`: stops Identomat adding its own liveness step. Set it when the steps include liveness.',
      }),
    ),
    skip_document: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Identomat `skip_document`: stops Identomat adding its own identity-document step. Set it when the steps include one.',
      }),
    ),
    config_id: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'A configuration saved in the Identomat dashboard. Steps sent with it override its steps of the same key.',
      }),
    ),
    videoCallOptionsPlacement: Type.Optional(
      StringEnum(['step', 'flags'], {
        default: 'step',
        description:
          'Where resetSteps / hideCameraOption / nameRequired go in the begin body. The guide shows them on the step; the exact placement is not documented, so it is configurable.',
      }),
    ),
    legacyFlags: Type.Optional(IdentomatLegacyFlags),
  },
  { additionalProperties: false },
)

/** Veriflow's names for the OneKYC CoE products. */
export const IAB_PRODUCTS = [
  'KTP_SCAN',
  'FACE_VERIFICATION',
  'FACE_MATCH',
  'STANDALONE_LIVENESS',
  'KYC_LITE',
] as const
export type IabProduct = (typeof IAB_PRODUCTS)[number]

export const IabTarget = Type.Object(
  {
    enabled,
    product: Type.Optional(
      StringEnum(IAB_PRODUCTS, {
        default: 'KYC_LITE',
        description: 'Which OneKYC CoE product this flow is.',
      }),
    ),
    flowCode: Type.Optional(
      Type.String({
        minLength: 1,
        pattern: '^[A-Z0-9_]+$',
        description:
          'The OneKYC `flow` value. Only FACE_VERIFICATION is publicly documented; for the other products enter the value IAB issued to you.',
      }),
    ),
    launchMode: Type.Optional(
      StringEnum(['redirect', 'webview', 'iframe'], {
        default: 'redirect',
        description: 'How the launch URL is opened: browser redirect, app webview or iframe.',
      }),
    ),
    successRedirectionUrl: Type.Optional(
      Type.String({
        maxLength: 2048,
        description: 'Overrides settings.returnUrl for a completed flow.',
      }),
    ),
    failureRedirectionUrl: Type.Optional(
      Type.String({
        maxLength: 2048,
        description: 'Overrides settings.returnUrl for a failed or abandoned flow.',
      }),
    ),
    partnerUserIdType: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'Free-text type of the partner user id sent as `x-partner-user-id-type`.',
      }),
    ),
  },
  { additionalProperties: false },
)

/** Locale tags Trustmatic's web enrolment accepts for `lang` (copied exactly, `jp-JP` included). */
export const TRUSTMATIC_LANGS = [
  'ar-SA',
  'cs-CZ',
  'da-DK',
  'en-US',
  'fi-FI',
  'fr-FR',
  'fr-CA',
  'de-DE',
  'hu-HU',
  'jp-JP',
  'lv-LV',
  'pt-PT',
  'ro-RO',
  'sk-SK',
  'es-ES',
  'sv-SE',
  'uk-UA',
] as const

export const TrustmaticTarget = Type.Object(
  {
    enabled,
    integrationMode: Type.Optional(
      StringEnum(['redirect', 'iframe', 'directProcessing'], {
        default: 'redirect',
        description:
          'redirect to the web enrolment, embed it in an iframe, or capture yourself (direct processing).',
      }),
    ),
    lang: Type.Optional(
      StringEnum(TRUSTMATIC_LANGS, { description: 'Force the web enrolment locale (`&lang=`).' }),
    ),
    crossDevice: Type.Optional(
      Type.Boolean({
        description: 'false skips the QR screen (`&crossDevice=false`). iframe mode only.',
      }),
    ),
    onlyMobile: Type.Optional(
      Type.Boolean({
        description:
          'true removes the "Continue on this device" button (`&onlyMobile=true`). iframe mode only.',
      }),
    ),
    skipIntegrityCheck: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Skip comparing applicant data with the document (demo deployments only).',
      }),
    ),
  },
  { additionalProperties: false },
)

export const SandboxTarget = Type.Object({ enabled }, { additionalProperties: false })

export const Targets = Type.Object(
  {
    identomat: Type.Optional(IdentomatTarget),
    iab: Type.Optional(IabTarget),
    trustmatic: Type.Optional(TrustmaticTarget),
    sandbox: Type.Optional(SandboxTarget),
  },
  { additionalProperties: false },
)

export type IdentomatTarget = Static<typeof IdentomatTarget>
export type IabTarget = Static<typeof IabTarget>
export type TrustmaticTarget = Static<typeof TrustmaticTarget>
export type SandboxTarget = Static<typeof SandboxTarget>
export type Targets = Static<typeof Targets>

export const TARGET_NAMES = ['identomat', 'iab', 'trustmatic', 'sandbox'] as const
export type TargetName = (typeof TARGET_NAMES)[number]
