import { describe, expect, it } from 'vitest'
import { deviceKind } from './device.ts'

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148'
const ANDROID_PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36'
const ANDROID_TABLET =
  'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/120 Safari/537.36'
const DESKTOP = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36'

describe('deviceKind', () => {
  it('recognises phones, tablets and desktops by user agent', () => {
    const base = { coarsePointer: false, shortSide: 1080 }
    expect(deviceKind({ ...base, userAgent: IPHONE })).toBe('phone')
    expect(deviceKind({ ...base, userAgent: ANDROID_PHONE })).toBe('phone')
    expect(deviceKind({ ...base, userAgent: ANDROID_TABLET })).toBe('tablet')
    expect(deviceKind({ ...base, userAgent: DESKTOP })).toBe('desktop')
  })

  it('trusts userAgentData.mobile and a touch-first screen (iPadOS looks like a Mac)', () => {
    expect(
      deviceKind({ userAgent: DESKTOP, uaMobile: true, coarsePointer: false, shortSide: 900 }),
    ).toBe('phone')
    expect(deviceKind({ userAgent: DESKTOP, coarsePointer: true, shortSide: 820 })).toBe('tablet')
    expect(deviceKind({ userAgent: DESKTOP, coarsePointer: true, shortSide: 390 })).toBe('phone')
  })
})
