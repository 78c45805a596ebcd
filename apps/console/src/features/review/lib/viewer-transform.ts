/** Zoom and rotation of the media viewer. */
export interface ViewTransform {
  /** 1 = fit; between MIN_ZOOM and MAX_ZOOM. */
  zoom: number
  /** Clockwise, in quarter turns: 0, 90, 180, 270. */
  rotation: 0 | 90 | 180 | 270
}

export const MIN_ZOOM = 0.5
export const MAX_ZOOM = 5
/** Each button press multiplies or divides the zoom by this. */
export const ZOOM_STEP = 1.25

export const INITIAL_VIEW: ViewTransform = { zoom: 1, rotation: 0 }

const clamp = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom))
/** Two decimals: repeated in/out lands back on exactly 1. */
const round = (zoom: number) => Math.round(zoom * 100) / 100

export function zoomIn(view: ViewTransform): ViewTransform {
  return { ...view, zoom: round(clamp(view.zoom * ZOOM_STEP)) }
}

export function zoomOut(view: ViewTransform): ViewTransform {
  return { ...view, zoom: round(clamp(view.zoom / ZOOM_STEP)) }
}

/** A wheel turn: up (negative deltaY) zooms in, down zooms out. */
export function zoomByWheel(view: ViewTransform, deltaY: number): ViewTransform {
  if (deltaY === 0) return view
  return deltaY < 0 ? zoomIn(view) : zoomOut(view)
}

export function rotateClockwise(view: ViewTransform): ViewTransform {
  return { ...view, rotation: ((view.rotation + 90) % 360) as ViewTransform['rotation'] }
}

export interface Size {
  width: number
  height: number
}

/** Where the viewer puts an image: a box that scrolls inside the canvas, the image in it. */
export interface ImageLayout {
  /** The space the turned, zoomed image takes (what the canvas scrolls over). */
  box: Size
  /** The image's own size before turning. */
  image: Size
  /** Centres the image in its box and turns it. */
  transform: string
}

/**
 * Lays an image out in the viewer's canvas: at 100% the turned image fits the canvas (never
 * larger than its natural size); zoom scales its real size, so every part of a zoomed image can
 * be scrolled to (a CSS scale alone would leave the top and left out of reach).
 */
export function imageLayout(natural: Size, canvas: Size, view: ViewTransform): ImageLayout {
  const sideways = view.rotation === 90 || view.rotation === 270
  const turned = sideways ? { width: natural.height, height: natural.width } : natural
  const fit = Math.min(1, canvas.width / turned.width || 1, canvas.height / turned.height || 1)
  const scale = fit * view.zoom
  const image = { width: natural.width * scale, height: natural.height * scale }
  return {
    box: { width: turned.width * scale, height: turned.height * scale },
    image,
    transform: `translate(-50%, -50%) rotate(${view.rotation}deg)`,
  }
}

export const zoomPercent = (view: ViewTransform): string => `${Math.round(view.zoom * 100)}%`
