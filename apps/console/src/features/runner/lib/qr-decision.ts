import type { RunnerSettings } from '../runner.types.ts'
import type { DeviceKind } from './device.ts'

/** OneKYC's smart-QR truth table (providers.md §1.6): allow / force → behaviour. */
export type QrMode = 'disabled' | 'always' | 'no-camera'

export function qrMode(qr: { allow: boolean; force: boolean }): QrMode {
  if (qr.force) return 'always'
  return qr.allow ? 'no-camera' : 'disabled'
}

/**
 * What the page offers for moving to another device:
 * - `handoff`: a one-time continuation link of this session (`POST …/handoff`), as a QR code;
 * - `switch-url`: the integrator's `switchDeviceUrl` as a QR code (Identomat `switch_device_url`);
 * - `blocked`: the flow needs a phone but may not share the session's link and has no switch URL;
 * - `none`: nothing.
 */
export type HandoffOffer =
  { kind: 'none' } | { kind: 'handoff' } | { kind: 'switch-url'; url: string } | { kind: 'blocked' }

export type QrSettings = Pick<
  RunnerSettings,
  | 'qr'
  | 'skipDesktop'
  | 'restrictUrlSharing'
  | 'switchDeviceUrl'
  | 'optionalContinueOnAnotherDevice'
>

export interface QrInputs {
  settings: QrSettings
  device: DeviceKind
  /** The page was opened from a hand-off link (the phone): it never hands off again. */
  continuation: boolean
}

const NONE: HandoffOffer = { kind: 'none' }

/** The link a hand-off may show: restricted URL sharing allows only the switch URL (if any). */
function shareable(settings: QrSettings): HandoffOffer {
  if (!settings.restrictUrlSharing) return { kind: 'handoff' }
  return settings.switchDeviceUrl
    ? { kind: 'switch-url', url: settings.switchDeviceUrl }
    : { kind: 'blocked' }
}

/**
 * Before any step: a desktop must move to a phone when QR is forced (`qr.force`, "QR always") or
 * the flow skips desktops (`skipDesktop`). Phones and tablets carry on.
 */
export function forcedHandoff({ settings, device, continuation }: QrInputs): HandoffOffer {
  if (continuation || device !== 'desktop') return NONE
  if (qrMode(settings.qr) !== 'always' && !settings.skipDesktop) return NONE
  return shareable(settings)
}

/**
 * When the camera is denied or missing on a step that needs it: the switch URL when the flow set
 * one; otherwise a hand-off when the flow allows QR (`qr.allow` / `qr.force`, `skipDesktop`,
 * `optionalContinueOnAnotherDevice`) and does not restrict URL sharing (Identomat: "the QR code
 * will not appear when camera access is denied or unavailable, unless switch_device_url is set").
 */
export function cameraFailureHandoff({ settings, continuation }: QrInputs): HandoffOffer {
  if (continuation) return NONE
  if (settings.switchDeviceUrl) return { kind: 'switch-url', url: settings.switchDeviceUrl }
  if (settings.restrictUrlSharing) return NONE
  const allowed =
    qrMode(settings.qr) !== 'disabled' ||
    settings.skipDesktop ||
    settings.optionalContinueOnAnotherDevice
  return allowed ? { kind: 'handoff' } : NONE
}

/** `optionalContinueOnAnotherDevice`: a "continue on another device" choice on every step. */
export function optionalHandoff({ settings, continuation }: QrInputs): HandoffOffer {
  if (continuation || !settings.optionalContinueOnAnotherDevice) return NONE
  const offer = shareable(settings)
  return offer.kind === 'blocked' ? NONE : offer
}
