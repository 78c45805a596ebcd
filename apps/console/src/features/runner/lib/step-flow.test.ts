import type { Step } from '@veriflow/schema'
import { describe, expect, it } from 'vitest'
import { translator } from '../i18n/index.ts'
import {
  firstIncompleteStepId,
  nextStepId,
  previousStepId,
  resumeStepId,
  stepIdOfPath,
  stepTitle,
  userSteps,
} from './step-flow.ts'

const steps = [
  {
    id: 's1',
    type: 'identity-document',
    key: 'identity-document',
    title: { en: 'Your ID', ka: 'ID' },
  },
  { id: 's2', type: 'operator-questionnaire', key: 'ops', questions: [] },
  { id: 's3', type: 'email', key: 'email' },
  { id: 's4', type: 'user-questionnaire', key: 'q', questions: [] },
] as unknown as Step[]

describe('step progression', () => {
  const user = userSteps(steps)

  it('leaves operator questionnaires out', () => {
    expect(user.map((s) => s.id)).toEqual(['s1', 's3', 's4'])
  })

  it('moves forward and back; the last step has no next (the session finishes)', () => {
    expect(nextStepId(user, 's1')).toBe('s3')
    expect(nextStepId(user, 's4')).toBeNull()
    expect(previousStepId(user, 's3')).toBe('s1')
    expect(previousStepId(user, 's1')).toBeNull()
  })

  it('resumes at the remembered step, or the first one when it is gone', () => {
    expect(resumeStepId(user, 's3')).toBe('s3')
    expect(resumeStepId(user, 's2')).toBe('s1')
    expect(resumeStepId(user, null)).toBe('s1')
    expect(resumeStepId([], null)).toBeNull()
  })

  it('finds the step of a completion issue and the first incomplete step', () => {
    expect(stepIdOfPath('/steps/s3/otp')).toBe('s3')
    expect(stepIdOfPath('/answers/q1')).toBeUndefined()
    const missing = [{ code: 'X', message: 'm' }]
    expect(
      firstIncompleteStepId(user, {
        s1: { media: [], missing: [] },
        s3: { media: [], missing },
        s4: { media: [], missing },
      }),
    ).toBe('s3')
    expect(firstIncompleteStepId(user, {})).toBeNull()
  })

  it('titles a step in the language, falling back to the runner’s words', () => {
    const t = translator({})
    expect(stepTitle(user[0]!, 'ka', 'en', t)).toBe('ID')
    expect(stepTitle(user[0]!, 'id', 'en', t)).toBe('Your ID')
    expect(stepTitle(user[1]!, 'en', 'en', t)).toBe('Your email address')
  })
})
