import { describe, expect, it } from 'vitest'
import {
  CAPTURE_BYTE_BUDGET,
  encodeWithinBudget,
  fitWithin,
  JPEG_QUALITIES,
} from './image-compress.ts'

describe('fitWithin', () => {
  it('scales the longer side down to the limit and keeps the aspect ratio', () => {
    expect(fitWithin({ width: 4000, height: 3000 })).toEqual({ width: 1600, height: 1200 })
    expect(fitWithin({ width: 1080, height: 1920 })).toEqual({ width: 900, height: 1600 })
    expect(fitWithin({ width: 3000, height: 3000 }, 1000)).toEqual({ width: 1000, height: 1000 })
  })

  it('never scales up, and keeps at least one pixel', () => {
    expect(fitWithin({ width: 640, height: 480 })).toEqual({ width: 640, height: 480 })
    expect(fitWithin({ width: 10000, height: 2 })).toEqual({ width: 1600, height: 1 })
  })
})

describe('encodeWithinBudget', () => {
  function fakeCanvas(sizeAt: (quality: number) => number) {
    const qualities: number[] = []
    const canvas = {
      toBlob(done: (blob: Blob) => void, _type: string, quality: number) {
        qualities.push(quality)
        done(new Blob([new Uint8Array(sizeAt(quality))], { type: 'image/jpeg' }))
      },
    } as unknown as HTMLCanvasElement
    return { canvas, qualities }
  }

  it('stops at the first quality that fits the budget', async () => {
    const { canvas, qualities } = fakeCanvas((q) => (q > 0.8 ? CAPTURE_BYTE_BUDGET + 1 : 1000))
    const blob = await encodeWithinBudget(canvas)
    expect(blob.size).toBe(1000)
    expect(qualities).toEqual([0.85, 0.72])
  })

  it('returns the smallest attempt when nothing fits', async () => {
    const { canvas, qualities } = fakeCanvas(() => 10)
    const blob = await encodeWithinBudget(canvas, 5)
    expect(blob.size).toBe(10)
    expect(qualities).toEqual([...JPEG_QUALITIES])
  })
})
