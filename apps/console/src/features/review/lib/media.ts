import type { SessionMedia, StepDetail } from '../review.api.ts'
import { mediaKindLabel } from './labels.ts'

/** The captures of one step, in the order they were taken. */
export interface MediaGroup {
  stepId: string
  stepTitle: string
  items: SessionMedia[]
}

const SIDE_ORDER: Record<string, number> = { document_front: 0, document_back: 1 }

/** Media grouped per step, in the flow's step order; a document's front comes before its back. */
export function mediaByStep(
  media: readonly SessionMedia[],
  steps: readonly StepDetail[],
): MediaGroup[] {
  const groups: MediaGroup[] = []
  const order = [...steps.map((s) => s.stepId)]
  for (const m of media) if (!order.includes(m.stepId)) order.push(m.stepId)
  for (const stepId of order) {
    const items = media
      .filter((m) => m.stepId === stepId)
      .sort((a, b) => (SIDE_ORDER[a.kind] ?? 2) - (SIDE_ORDER[b.kind] ?? 2))
    if (items.length === 0) continue
    const step = steps.find((s) => s.stepId === stepId)
    groups.push({ stepId, stepTitle: step?.title ?? stepId, items })
  }
  return groups
}

/**
 * What the viewer shows when a capture is opened: an identity document's front and back side by
 * side, any other capture alone.
 */
export function viewerItems(opened: SessionMedia, media: readonly SessionMedia[]): SessionMedia[] {
  if (!(opened.kind in SIDE_ORDER)) return [opened]
  const front = media.find((m) => m.stepId === opened.stepId && m.kind === 'document_front')
  const back = media.find((m) => m.stepId === opened.stepId && m.kind === 'document_back')
  return front && back ? [front, back] : [opened]
}

/** The file name a download gets: "document_front-<id>.jpg". */
export function downloadName(media: SessionMedia): string {
  const extension = media.contentType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'bin'
  return `${media.kind}-${media.id}.${extension}`
}

/** The image's text alternative: "Document front, Your ID". */
export function mediaAlt(media: SessionMedia, stepTitle: string): string {
  return `${mediaKindLabel(media.kind)}, ${stepTitle}`
}
