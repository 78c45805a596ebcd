/** What kind of device the page runs on: it decides QR hand-offs and the rotate prompt. */
export type DeviceKind = 'phone' | 'tablet' | 'desktop'

export interface DeviceSignals {
  userAgent: string
  /** `navigator.userAgentData.mobile`, where the browser has it. */
  uaMobile?: boolean
  /** `(pointer: coarse)` matches: the main pointer is a finger. */
  coarsePointer: boolean
  /** The screen's shorter side in CSS pixels. */
  shortSide: number
}

const PHONE_UA = /iPhone|iPod|Android.+Mobile|Windows Phone|Mobile Safari|Opera Mini/i
const TABLET_UA = /iPad|Android(?!.*Mobile)|Tablet/i

/** Classifies the device from its user agent, pointer and screen size. */
export function deviceKind(signals: DeviceSignals): DeviceKind {
  if (signals.uaMobile === true || PHONE_UA.test(signals.userAgent)) return 'phone'
  if (TABLET_UA.test(signals.userAgent)) return 'tablet'
  // iPadOS reports a desktop Safari user agent: a touch-first screen gives it away.
  if (signals.coarsePointer) return signals.shortSide < 600 ? 'phone' : 'tablet'
  return 'desktop'
}

/** The signals of the browser this runs in. */
export function currentDeviceSignals(): DeviceSignals {
  const nav = navigator as Navigator & { userAgentData?: { mobile?: boolean } }
  return {
    userAgent: nav.userAgent,
    uaMobile: nav.userAgentData?.mobile,
    coarsePointer: window.matchMedia?.('(pointer: coarse)').matches ?? false,
    shortSide: Math.min(window.screen?.width ?? 0, window.screen?.height ?? 0) || 1024,
  }
}
