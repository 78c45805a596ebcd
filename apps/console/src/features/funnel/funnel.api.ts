import type { TargetName } from '@veriflow/schema'
import { http } from '../../app/http.ts'

/** One step of the flow version in the funnel. */
export interface FunnelStep {
  stepId: string
  key: string
  type: string
  /** The step's title in the flow's first language (its key when untitled). */
  title: string
  /** Sessions that got to this step. */
  reached: number
  /** Sessions that reached this step and went no further. */
  dropOff: number
  /** Median seconds spent on this step by those who finished it; null without data. */
  medianSeconds: number | null
}

/** `GET /flows/:id/versions/:n/funnel`: the sessions of one version, stage by stage. */
export interface Funnel {
  flowId: string
  version: number
  from: string | null
  to: string | null
  target: TargetName | null
  launched: number
  started: number
  steps: FunnelStep[]
  completed: number
  decided: number
}

export interface FunnelQuery {
  from?: string
  to?: string
  target?: TargetName
}

export async function fetchFunnel(
  flowId: string,
  version: number,
  query: FunnelQuery,
  signal?: AbortSignal,
): Promise<Funnel> {
  const path = `/flows/${encodeURIComponent(flowId)}/versions/${version}/funnel`
  return (await http<Funnel>('GET', path, { query: { ...query }, signal })).data
}
