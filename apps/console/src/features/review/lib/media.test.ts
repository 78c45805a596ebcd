import { describe, expect, it } from 'vitest'
import { media, sessionDetail } from '../test-support.ts'
import { downloadName, mediaAlt, mediaByStep, viewerItems } from './media.ts'

const { steps } = sessionDetail()
const front = media()
const back = media({ id: 'm-back', kind: 'document_back' })
const selfie = media({
  id: 'm-selfie',
  stepId: 's_live',
  kind: 'selfie',
  contentType: 'image/jpeg',
})

describe('media', () => {
  it('groups captures per step in the flow’s order, front before back', () => {
    const groups = mediaByStep([selfie, back, front], steps)
    expect(groups.map((g) => [g.stepTitle, g.items.map((m) => m.id)])).toEqual([
      ['Your ID', ['m-front', 'm-back']],
      ['s_live', ['m-selfie']],
    ])
  })

  it('opens a document’s front and back side by side, anything else alone', () => {
    expect(viewerItems(back, [front, back, selfie]).map((m) => m.id)).toEqual(['m-front', 'm-back'])
    expect(viewerItems(front, [front, selfie])).toEqual([front])
    expect(viewerItems(selfie, [front, back, selfie])).toEqual([selfie])
  })

  it('names downloads and describes images', () => {
    expect(downloadName(selfie)).toBe('selfie-m-selfie.jpg')
    expect(mediaAlt(front, 'Your ID')).toBe('Document front, Your ID')
  })
})
