import type { Funnel } from '../funnel.api.ts'
import { formatCount } from './format.ts'

/** One bar of the chart and one row of the table. */
export interface FunnelStage {
  id: string
  label: string
  /** "Step 2 · user-questionnaire" under a step's title; absent for the fixed stages. */
  detail?: string
  count: number
  /** Who got here and no further (the API's figure for steps); null where it does not apply. */
  dropOff: number | null
  /** What `dropOff` is a share of: the sessions that got to this stage. */
  dropOffBase: number
  medianSeconds: number | null
  kind: 'launched' | 'started' | 'step' | 'completed' | 'decided'
}

/**
 * launched → started → each step reached → completed → decided. Launched sessions that never
 * started drop off at "Launched"; completed ones not decided yet are the last drop-off.
 */
export function funnelStages(funnel: Funnel): FunnelStage[] {
  const fixed = (
    kind: FunnelStage['kind'],
    label: string,
    count: number,
    dropOff: number | null,
  ): FunnelStage => ({
    id: kind,
    label,
    count,
    dropOff,
    dropOffBase: count,
    medianSeconds: null,
    kind,
  })
  return [
    fixed('launched', 'Launched', funnel.launched, Math.max(0, funnel.launched - funnel.started)),
    fixed('started', 'Started', funnel.started, null),
    ...funnel.steps.map((step, index) => ({
      id: `step-${step.stepId}`,
      label: step.title || step.key,
      detail: `Step ${index + 1} · ${step.type}`,
      count: step.reached,
      dropOff: step.dropOff,
      dropOffBase: step.reached,
      medianSeconds: step.medianSeconds,
      kind: 'step' as const,
    })),
    fixed(
      'completed',
      'Completed',
      funnel.completed,
      Math.max(0, funnel.completed - funnel.decided),
    ),
    fixed('decided', 'Decided', funnel.decided, null),
  ]
}

/** The chart's text alternative: every stage and its count, in order. */
export function funnelSummary(stages: FunnelStage[]): string {
  const parts = stages.map((stage) => `${stage.label}: ${formatCount(stage.count)}`)
  return `Funnel, sessions per stage. ${parts.join('; ')}. The table below has the same figures.`
}
