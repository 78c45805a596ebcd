import { describe, expect, it } from 'vitest'
import type { RunnerView } from '../runner.types.ts'
import { withMedia, withOtp } from './view-patch.ts'

const view = {
  progress: {
    currentStepId: 's1',
    steps: {
      s1: {
        media: [{ id: 'm1', kind: 'document_front', contentType: 'image/jpeg', size: 1 }],
        missing: [],
      },
    },
  },
} as unknown as RunnerView

describe('view patches (so a step revisited after an upload shows it)', () => {
  it('replaces a single capture on retake and adds repeatable ones', () => {
    const front = { id: 'm2', kind: 'document_front', contentType: 'image/jpeg', size: 2 }
    expect(withMedia(view, 's1', front).progress.steps.s1!.media.map((m) => m.id)).toEqual(['m2'])
    const frame = { id: 'm3', kind: 'liveness_frame', contentType: 'image/jpeg', size: 3 }
    const twice = withMedia(withMedia(view, 's2', frame), 's2', { ...frame, id: 'm4' })
    expect(twice.progress.steps.s2!.media.map((m) => m.id)).toEqual(['m3', 'm4'])
    expect(view.progress.steps.s1!.media[0]!.id).toBe('m1')
  })

  it('records a sent code', () => {
    const otp = {
      channel: 'sms' as const,
      destination: '+995555',
      sentAt: 'a',
      resendAvailableAt: 'b',
      expiresAt: 'c',
      attemptsLeft: 5,
      verified: false,
    }
    expect(withOtp(view, 's1', otp).progress.steps.s1!.otp).toEqual(otp)
  })
})
