/** Width and height in pixels. */
export interface ImageSize {
  width: number
  height: number
}

/** Longest side of an uploaded capture: plenty for document OCR and face matching. */
export const MAX_CAPTURE_SIDE = 1600
/** JPEG qualities tried in turn until the image fits the byte budget. */
export const JPEG_QUALITIES = [0.85, 0.72, 0.6, 0.5] as const
/** Bytes a capture should stay under (the API accepts up to 8 MB). */
export const CAPTURE_BYTE_BUDGET = 1_500_000

/** A compressed capture, ready to upload, with a data URL to preview it (CSP allows data:). */
export interface CompressedImage extends ImageSize {
  blob: Blob
  previewUrl: string
}

/** Thrown when a chosen file cannot be decoded as an image. */
export class NotAnImageError extends Error {
  constructor() {
    super('the file is not an image this browser can read')
  }
}

/** `size` scaled down (never up) so its longer side is at most `maxSide`, aspect kept. */
export function fitWithin(size: ImageSize, maxSide = MAX_CAPTURE_SIDE): ImageSize {
  const longer = Math.max(size.width, size.height)
  if (longer <= maxSide || longer === 0) return { width: size.width, height: size.height }
  const scale = maxSide / longer
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  }
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the image could not be encoded'))),
      'image/jpeg',
      quality,
    ),
  )
}

/** Encodes the canvas as JPEG, lowering the quality until it fits the budget. */
export async function encodeWithinBudget(
  canvas: HTMLCanvasElement,
  budget = CAPTURE_BYTE_BUDGET,
): Promise<Blob> {
  let blob: Blob | undefined
  for (const quality of JPEG_QUALITIES) {
    blob = await toBlob(canvas, quality)
    if (blob.size <= budget) return blob
  }
  return blob!
}

/** Draws `source` (a video frame or a decoded file) scaled into a canvas and encodes it. */
export async function compressDrawable(
  source: CanvasImageSource,
  size: ImageSize,
  options: { mirror?: boolean } = {},
): Promise<CompressedImage> {
  const target = fitWithin(size)
  const canvas = document.createElement('canvas')
  canvas.width = target.width
  canvas.height = target.height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2D canvas in this browser')
  if (options.mirror) {
    context.translate(target.width, 0)
    context.scale(-1, 1)
  }
  context.drawImage(source, 0, 0, target.width, target.height)
  const blob = await encodeWithinBudget(canvas)
  return { blob, previewUrl: canvas.toDataURL('image/jpeg', 0.6), ...target }
}

/** Decodes a chosen file and re-encodes it as a bounded JPEG (EXIF orientation applied). */
export async function compressFile(file: Blob): Promise<CompressedImage> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    throw new NotAnImageError()
  }
  try {
    return await compressDrawable(bitmap, { width: bitmap.width, height: bitmap.height })
  } finally {
    bitmap.close()
  }
}
