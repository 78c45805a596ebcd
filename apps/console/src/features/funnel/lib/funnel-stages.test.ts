import { describe, expect, it } from 'vitest'
import type { Funnel } from '../funnel.api.ts'
import { funnelStages, funnelSummary } from './funnel-stages.ts'

const FUNNEL: Funnel = {
  flowId: 'f',
  version: 2,
  from: null,
  to: null,
  target: null,
  launched: 10,
  started: 8,
  steps: [
    {
      stepId: 's_doc',
      key: 'identity-document',
      type: 'identity-document',
      title: 'Your ID',
      reached: 8,
      dropOff: 2,
      medianSeconds: 80,
    },
    {
      stepId: 's_form',
      key: 'source_of_funds',
      type: 'user-questionnaire',
      title: '',
      reached: 6,
      dropOff: 1,
      medianSeconds: null,
    },
  ],
  completed: 5,
  decided: 3,
}

describe('funnelStages', () => {
  it('runs launched → started → each step → completed → decided', () => {
    const stages = funnelStages(FUNNEL)
    expect(stages.map((s) => [s.label, s.count])).toEqual([
      ['Launched', 10],
      ['Started', 8],
      ['Your ID', 8],
      ['source_of_funds', 6],
      ['Completed', 5],
      ['Decided', 3],
    ])
  })

  it('takes step drop-off and time from the API and derives the fixed stages’', () => {
    const stages = funnelStages(FUNNEL)
    const byId = Object.fromEntries(stages.map((s) => [s.id, s]))
    expect(byId.launched).toMatchObject({ dropOff: 2, dropOffBase: 10 })
    expect(byId.started!.dropOff).toBeNull()
    expect(byId['step-s_doc']).toMatchObject({
      dropOff: 2,
      dropOffBase: 8,
      medianSeconds: 80,
      detail: 'Step 1 · identity-document',
    })
    expect(byId.completed).toMatchObject({ dropOff: 2, dropOffBase: 5 })
    expect(byId.decided!.dropOff).toBeNull()
  })

  it('describes the chart in words for screen readers', () => {
    expect(funnelSummary(funnelStages(FUNNEL))).toBe(
      'Funnel, sessions per stage. Launched: 10; Started: 8; Your ID: 8; source_of_funds: 6; Completed: 5; Decided: 3. The table below has the same figures.',
    )
  })
})
