import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from './common.schema.ts'
/** Session-level options under provider-neutral names. Absent fields take the documented default. */
export const Settings = Type.Object(
  {
    returnUrl: Type.Optional(
      Type.String({
        maxLength: 2048,
        description:
          'Where the user is sent when the flow ends. Absent: the flow is embedded (iframe) and reports by postMessage. Identomat `return_url`.',
      }),
    ),
    skipDesktop: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Limit sessions to mobile devices; on a desktop a QR code moves the session to a phone. Identomat `skip_desktop`.',
      }),
    ),
    switchDeviceUrl: Type.Optional(
      Type.String({
        maxLength: 2048,
        description:
          'Custom URL shown in the QR code when the camera is unavailable or denied; empty means none. Identomat `switch_device_url`.',
      }),
    ),
    restrictUrlSharing: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Forbid continuing the session URL in another browser. With it, no QR is shown on camera failure unless switchDeviceUrl is set. Identomat `restrict_url_sharing`.',
      }),
    ),
    optionalContinueOnAnotherDevice: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Offer the user to continue on another device. Identomat `optional_continue_on_another_device`.',
      }),
    ),
    multipleParticipants: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Video-call sessions may include several participants. Identomat `multiple_participants`.',
      }),
    ),
    theme: Type.Optional(
      StringEnum(['system', 'light', 'dark'], {
        default: 'system',
        description: 'Colour theme of the end-user pages. OneKYC `theme`; sandbox runner.',
      }),
    ),
    portraitOnly: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'Block landscape orientation on phones. OneKYC `additionalDetails.portraitOnly`; sandbox runner.',
      }),
    ),
    qr: Type.Optional(
      Type.Object(
        {
          allow: Type.Optional(
            Type.Boolean({
              default: false,
              description: 'Offer a QR hand-off to a phone when the device has no camera.',
            }),
          ),
          force: Type.Optional(
            Type.Boolean({
              default: false,
              description: 'Always start with the QR hand-off to a phone.',
            }),
          ),
        },
        {
          additionalProperties: false,
          description: 'Smart QR mode. OneKYC `allowQr` / `forceQr`; sandbox runner.',
        },
      ),
    ),
    sessionTtlMinutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 10080,
        default: 15,
        description: 'Minutes a launched session stays usable (Identomat tokens last 15).',
      }),
    ),
  },
  { additionalProperties: false, description: 'Session-level options.' },
)
export type Settings = Static<typeof Settings>

/** The URL-valued settings, checked by the URL rule. */
export const SETTINGS_URL_FIELDS = ['returnUrl', 'switchDeviceUrl'] as const

/** Settings with every default applied. */
export interface ResolvedSettings {
  returnUrl: string | undefined
  skipDesktop: boolean
  switchDeviceUrl: string | undefined
  restrictUrlSharing: boolean
  optionalContinueOnAnotherDevice: boolean
  multipleParticipants: boolean
  theme: 'system' | 'light' | 'dark'
  portraitOnly: boolean
  qr: { allow: boolean; force: boolean }
  sessionTtlMinutes: number
}

/** Applies the documented defaults to possibly partial settings. */
export function resolveSettings(settings: Settings | undefined): ResolvedSettings {
  const s = settings ?? {}
  return {
    returnUrl: s.returnUrl || undefined,
    skipDesktop: s.skipDesktop ?? false,
    switchDeviceUrl: s.switchDeviceUrl || undefined,
    restrictUrlSharing: s.restrictUrlSharing ?? false,
    optionalContinueOnAnotherDevice: s.optionalContinueOnAnotherDevice ?? false,
    multipleParticipants: s.multipleParticipants ?? false,
    theme: s.theme ?? 'system',
    portraitOnly: s.portraitOnly ?? true,
    qr: { allow: s.qr?.allow ?? false, force: s.qr?.force ?? false },
    sessionTtlMinutes: s.sessionTtlMinutes ?? 15,
  }
}
