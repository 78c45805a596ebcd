import { describe, expect, it } from 'vitest'
import { INSTRUCTIONS, livenessModes, pickInstructions } from './liveness.ts'

function seeded(seed: number) {
  let s = seed
  return () => {
    s = (s * 9301 + 49297) % 233280
    return s / 233280
  }
}

describe('active liveness instructions', () => {
  it('picks distinct known instructions with at least one head turn', () => {
    for (let seed = 1; seed < 200; seed++) {
      const picked = pickInstructions(seeded(seed))
      expect(picked).toHaveLength(3)
      expect(new Set(picked).size).toBe(3)
      for (const i of picked) expect(INSTRUCTIONS).toContain(i)
      expect(picked.some((i) => i === 'turnLeft' || i === 'turnRight')).toBe(true)
    }
  })

  it('varies between checks', () => {
    const seen = new Set<string>()
    for (let seed = 1; seed < 50; seed++) seen.add(pickInstructions(seeded(seed)).join())
    expect(seen.size).toBeGreaterThan(5)
  })
})

describe('livenessModes', () => {
  it('allows a selfie upload only for passive liveness', () => {
    expect(livenessModes({})).toEqual({ active: false, upload: false })
    expect(livenessModes({ allow_face_upload: true })).toEqual({ active: false, upload: true })
    expect(livenessModes({ liveness: true, allow_face_upload: true })).toEqual({
      active: true,
      upload: false,
    })
  })
})
