import { describe, expect, it } from 'vitest'
import { sessionDetail } from '../test-support.ts'
import { timelineEntries } from './timeline.ts'

const { steps } = sessionDetail()
const event = (type: string, data: Record<string, unknown> = {}, actor: string | null = null) => ({
  id: type,
  at: '2026-03-05T10:00:00.000Z',
  type,
  actor,
  data,
})

describe('timelineEntries', () => {
  it('says what happened in words, naming steps by their titles', () => {
    const entries = timelineEntries(
      [
        event('session.launched', {}, 'system'),
        event('step.reached', { stepId: 's_doc' }, 'end user'),
        event('media.uploaded', { stepId: 's_doc', kind: 'document_front' }, 'end user'),
        event('answers.saved', { stepId: 's_form' }, 'end user'),
      ],
      steps,
    )
    expect(entries.map((e) => e.text)).toEqual([
      'Session launched',
      'Reached “Your ID”',
      'Uploaded document front in “Your ID”',
      'Answered “About you”',
    ])
    expect(entries.map((e) => e.actor)).toEqual(['System', 'End user', 'End user', 'End user'])
  })

  it('shows decisions with their reason and who confirmed them', () => {
    const [proposed, made] = timelineEntries(
      [
        event('decision.proposed', { decision: 'rejected', reason: 'Blurry' }, 'ann@example.com'),
        event(
          'decision.made',
          { decision: 'rejected', reason: 'Blurry', confirmedBy: 'bob@example.com' },
          'bob@example.com',
        ),
      ],
      steps,
    )
    expect(proposed).toMatchObject({
      text: 'Proposed: reject (awaiting a second reviewer)',
      detail: 'Reason: Blurry',
      actor: 'ann@example.com',
      tone: 'warning',
    })
    expect(made).toMatchObject({
      text: 'Decided: rejected, confirmed by bob@example.com',
      tone: 'danger',
    })
  })

  it('shows the sandbox’s one-time code and falls back to words for unknown events', () => {
    const [otp, unknown] = timelineEntries(
      [event('otp.sent', { destination: 'a@b.co', code: '123456' }), event('kyc.magic_happened')],
      steps,
    )
    expect(otp).toMatchObject({
      text: 'Sent a one-time code to a@b.co',
      detail: 'Sandbox code: 123456',
    })
    expect(unknown?.text).toBe('Kyc magic happened')
  })
})
