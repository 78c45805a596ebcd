import { describe, expect, it } from 'vitest'
import { fitScale } from './devices.ts'

describe('fitScale', () => {
  it('shrinks a screen to the panel and never enlarges it', () => {
    expect(fitScale('phone', 780)).toBe(1)
    expect(fitScale('desktop', 640)).toBe(0.5)
    expect(fitScale('tablet', 410)).toBe(0.5)
    expect(fitScale('phone', 0)).toBe(1)
  })
})
