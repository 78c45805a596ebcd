import { Type, type Static } from '@sinclair/typebox'

/**
 * Per-step flags, under the provider's own snake_case names (Identomat developer guide, seed 004).
 * Every flag is optional; an absent flag takes the documented `default` and is not sent.
 * `title` is the label the designer shows; `description` its one-line help.
 */
const flag = (title: string, description: string) =>
  Type.Optional(Type.Boolean({ title, description, default: false }))

const list = (title: string, description: string, items = Type.String({ minLength: 1 })) =>
  Type.Optional(Type.Array(items, { title, description, default: [], uniqueItems: true }))

export const IdentityDocumentFlags = Type.Object(
  {
    disable_document_capture: flag(
      'Disable document capture',
      'Users cannot scan documents with the camera and must upload them instead.',
    ),
    allow_document_upload: flag(
      'Allow document upload',
      'Users can choose between scanning and uploading their documents.',
    ),
    document_types: list(
      'Document types',
      'Allowed document types (legacy values: id, passport, driver_license, residence_license). Empty: all types.',
    ),
    document_countries: list(
      'Document countries',
      'Issuing countries as ISO 3166-1 alpha-3 codes (e.g. USA, DEU, GEO). Empty: no restriction.',
      Type.String({ pattern: '^[A-Z]{3}$' }),
    ),
  },
  { additionalProperties: false },
)

export const LivenessFlags = Type.Object(
  {
    liveness: flag(
      'Active liveness',
      'On: the user follows instructions (active liveness). Off: a short passive capture in an oval.',
    ),
    allow_face_upload: flag(
      'Allow selfie upload',
      'Users may upload a selfie. Has no effect with active liveness.',
    ),
  },
  { additionalProperties: false },
)

export const GeneralDocumentFlags = Type.Object(
  {
    general_document_types: list(
      'General document types',
      'Allowed general documents (known: utility_bill, bank_statement; the full list is not published). Empty: all.',
    ),
  },
  { additionalProperties: false },
)

export const FaceDocumentFlags = Type.Object(
  {
    allow_face_doc_upload: flag(
      'Allow upload',
      'Users may upload a picture of themselves holding their document.',
    ),
    require_face_document: flag(
      'Require capture',
      'Users capture themselves holding their document in their hand.',
    ),
  },
  { additionalProperties: false },
)

/** Video-call options. Identomat shows them as step properties; see targets.identomat.videoCallOptionsPlacement. */
export const VideoCallFlags = Type.Object(
  {
    resetSteps: flag(
      'Reset steps on rejoin',
      'If the user disconnects and rejoins, earlier verification data is cleared and the operator restarts.',
    ),
    hideCameraOption: flag(
      'Hide camera switch',
      'Hide the camera icon so users cannot turn their camera off.',
    ),
    nameRequired: flag('Name required', 'Participants must give their name to join the call.'),
  },
  { additionalProperties: false },
)

export const PhoneNumberFlags = Type.Object(
  {
    require_phone_number_check: flag(
      'Verify by OTP',
      'Users must verify their phone number with a one-time code sent to it.',
    ),
    require_phone_number: flag(
      'Require phone number',
      'Users must submit their phone number (without verification).',
    ),
  },
  { additionalProperties: false },
)

export const EmailFlags = Type.Object(
  {
    require_email_check: flag(
      'Verify by OTP',
      'Users must verify their email address with a one-time code sent to it.',
    ),
    require_email: flag(
      'Require email',
      'Users must submit their email address (without verification).',
    ),
  },
  { additionalProperties: false },
)

export type IdentityDocumentFlags = Static<typeof IdentityDocumentFlags>
export type LivenessFlags = Static<typeof LivenessFlags>
export type GeneralDocumentFlags = Static<typeof GeneralDocumentFlags>
export type FaceDocumentFlags = Static<typeof FaceDocumentFlags>
export type VideoCallFlags = Static<typeof VideoCallFlags>
export type PhoneNumberFlags = Static<typeof PhoneNumberFlags>
export type EmailFlags = Static<typeof EmailFlags>
