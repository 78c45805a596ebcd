import { describe, expect, it } from 'vitest'
import {
  cameraFailureHandoff,
  forcedHandoff,
  optionalHandoff,
  qrMode,
  type QrSettings,
} from './qr-decision.ts'

const base: QrSettings = {
  qr: { allow: false, force: false },
  skipDesktop: false,
  restrictUrlSharing: false,
  switchDeviceUrl: undefined,
  optionalContinueOnAnotherDevice: false,
}
const settings = (over: Partial<QrSettings>): QrSettings => ({ ...base, ...over })
const desktop = (over: Partial<QrSettings>, continuation = false) => ({
  settings: settings(over),
  device: 'desktop' as const,
  continuation,
})

describe('qrMode: the smart-QR truth table (providers.md §1.6)', () => {
  it.each([
    [false, false, 'disabled'],
    [false, true, 'always'],
    [true, false, 'no-camera'],
    [true, true, 'always'],
  ] as const)('allow=%s force=%s → %s', (allow, force, mode) => {
    expect(qrMode({ allow, force })).toBe(mode)
  })
})

describe('forcedHandoff: before the first step', () => {
  it('moves a desktop to a phone when QR is forced or desktops are skipped', () => {
    expect(forcedHandoff(desktop({ qr: { allow: false, force: true } }))).toEqual({
      kind: 'handoff',
    })
    expect(forcedHandoff(desktop({ qr: { allow: true, force: true } }))).toEqual({
      kind: 'handoff',
    })
    expect(forcedHandoff(desktop({ skipDesktop: true }))).toEqual({ kind: 'handoff' })
  })

  it('leaves desktops alone when QR is only allowed (no camera) or disabled', () => {
    expect(forcedHandoff(desktop({ qr: { allow: true, force: false } }))).toEqual({ kind: 'none' })
    expect(forcedHandoff(desktop({}))).toEqual({ kind: 'none' })
  })

  it('never forces phones, tablets or the phone that continues the session', () => {
    const forced = settings({ qr: { allow: true, force: true }, skipDesktop: true })
    expect(forcedHandoff({ settings: forced, device: 'phone', continuation: false }).kind).toBe(
      'none',
    )
    expect(forcedHandoff({ settings: forced, device: 'tablet', continuation: false }).kind).toBe(
      'none',
    )
    expect(forcedHandoff({ settings: forced, device: 'desktop', continuation: true }).kind).toBe(
      'none',
    )
  })

  it('restricted URL sharing shows the switch URL instead, or blocks without one', () => {
    expect(forcedHandoff(desktop({ skipDesktop: true, restrictUrlSharing: true }))).toEqual({
      kind: 'blocked',
    })
    expect(
      forcedHandoff(
        desktop({
          skipDesktop: true,
          restrictUrlSharing: true,
          switchDeviceUrl: 'https://x.test/go',
        }),
      ),
    ).toEqual({ kind: 'switch-url', url: 'https://x.test/go' })
  })
})

describe('cameraFailureHandoff: camera denied or missing', () => {
  it('offers a hand-off only when the flow allows QR', () => {
    expect(cameraFailureHandoff(desktop({})).kind).toBe('none')
    expect(cameraFailureHandoff(desktop({ qr: { allow: true, force: false } })).kind).toBe(
      'handoff',
    )
    expect(cameraFailureHandoff(desktop({ skipDesktop: true })).kind).toBe('handoff')
    expect(cameraFailureHandoff(desktop({ optionalContinueOnAnotherDevice: true })).kind).toBe(
      'handoff',
    )
  })

  it('restrictUrlSharing hides the QR unless switchDeviceUrl is set, which the QR then shows', () => {
    expect(
      cameraFailureHandoff(
        desktop({ qr: { allow: true, force: false }, restrictUrlSharing: true }),
      ),
    ).toEqual({ kind: 'none' })
    expect(
      cameraFailureHandoff(
        desktop({ restrictUrlSharing: true, switchDeviceUrl: 'https://x.test/phone' }),
      ),
    ).toEqual({ kind: 'switch-url', url: 'https://x.test/phone' })
  })

  it('shows the switch URL (not the session link) whenever the flow sets one', () => {
    expect(
      cameraFailureHandoff(
        desktop({ qr: { allow: true, force: false }, switchDeviceUrl: 'https://x.test/p' }),
      ),
    ).toEqual({ kind: 'switch-url', url: 'https://x.test/p' })
  })

  it('never offers a hand-off on the phone that continues the session', () => {
    expect(cameraFailureHandoff(desktop({ qr: { allow: true, force: true } }, true)).kind).toBe(
      'none',
    )
  })
})

describe('optionalHandoff: optionalContinueOnAnotherDevice', () => {
  it('offers the choice unless sharing is restricted without a switch URL', () => {
    expect(optionalHandoff(desktop({})).kind).toBe('none')
    expect(optionalHandoff(desktop({ optionalContinueOnAnotherDevice: true })).kind).toBe('handoff')
    expect(
      optionalHandoff(desktop({ optionalContinueOnAnotherDevice: true, restrictUrlSharing: true }))
        .kind,
    ).toBe('none')
    expect(optionalHandoff(desktop({ optionalContinueOnAnotherDevice: true }, true)).kind).toBe(
      'none',
    )
  })
})
