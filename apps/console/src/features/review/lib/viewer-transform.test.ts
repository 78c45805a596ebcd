import { describe, expect, it } from 'vitest'
import {
  INITIAL_VIEW,
  MAX_ZOOM,
  MIN_ZOOM,
  imageLayout,
  rotateClockwise,
  zoomByWheel,
  zoomIn,
  zoomOut,
  zoomPercent,
} from './viewer-transform.ts'

describe('viewer transform', () => {
  it('zooms in and out by steps and comes back to 100%', () => {
    const twice = zoomIn(zoomIn(INITIAL_VIEW))
    expect(zoomPercent(twice)).toBe('156%')
    expect(zoomOut(zoomOut(twice)).zoom).toBe(1)
  })

  it('stays between the limits', () => {
    let view = INITIAL_VIEW
    for (let n = 0; n < 30; n++) view = zoomIn(view)
    expect(view.zoom).toBe(MAX_ZOOM)
    for (let n = 0; n < 30; n++) view = zoomOut(view)
    expect(view.zoom).toBe(MIN_ZOOM)
  })

  it('zooms in on a wheel turn up and out on a turn down', () => {
    expect(zoomByWheel(INITIAL_VIEW, -100).zoom).toBe(1.25)
    expect(zoomByWheel(INITIAL_VIEW, 100).zoom).toBe(0.8)
    expect(zoomByWheel(INITIAL_VIEW, 0)).toBe(INITIAL_VIEW)
  })

  it('rotates by quarter turns and wraps around', () => {
    let view = INITIAL_VIEW
    const seen: number[] = []
    for (let n = 0; n < 4; n++) {
      view = rotateClockwise(view)
      seen.push(view.rotation)
    }
    expect(seen).toEqual([90, 180, 270, 0])
  })
})

describe('imageLayout', () => {
  const photo = { width: 1200, height: 800 }
  const canvas = { width: 600, height: 600 }

  it('fits the image into the canvas at 100%, never enlarging a small one', () => {
    expect(imageLayout(photo, canvas, INITIAL_VIEW)).toMatchObject({
      box: { width: 600, height: 400 },
      image: { width: 600, height: 400 },
    })
    expect(imageLayout({ width: 100, height: 50 }, canvas, INITIAL_VIEW).image).toEqual({
      width: 100,
      height: 50,
    })
  })

  it('grows the scrollable box with the zoom', () => {
    const zoomed = imageLayout(photo, canvas, { zoom: 2, rotation: 0 })
    expect(zoomed.box).toEqual({ width: 1200, height: 800 })
  })

  it('swaps the box of a sideways image and fits it turned', () => {
    const turned = imageLayout(photo, canvas, { zoom: 1, rotation: 90 })
    expect(turned.box).toEqual({ width: 400, height: 600 })
    expect(turned.image).toEqual({ width: 600, height: 400 })
    expect(turned.transform).toBe('translate(-50%, -50%) rotate(90deg)')
  })

  it('copes with a canvas not measured yet', () => {
    expect(imageLayout(photo, { width: 0, height: 0 }, INITIAL_VIEW).image.width).toBeGreaterThan(0)
  })
})
