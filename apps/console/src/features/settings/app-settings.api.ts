import { http } from '../../app/http.ts'

import type { Decision } from '../sessions/sessions.api.ts'

/** The decisions a reviewer can make; each has its own reason templates. */
export type DecisionKind = Decision

export type ReasonTemplates = Record<DecisionKind, string[]>

/** Installation-wide review and launch settings (`GET /settings/app`). */
export interface AppSettings {
  /** A decision takes effect only when a second, different reviewer confirms it. */
  fourEyes: boolean
  reasonTemplates: ReasonTemplates
  /** Minutes a launched session stays usable when its flow sets no sessionTtlMinutes. */
  sessionTtlMinutesDefault: number
  updatedAt: string | null
}

export interface AppSettingsPatch {
  fourEyes?: boolean
  reasonTemplates?: Partial<ReasonTemplates>
  sessionTtlMinutesDefault?: number
}

/** The API's bounds (app-settings.schemas.ts): the form says them and the API enforces them. */
export const SESSION_TTL_MINUTES = { min: 1, max: 10080 } as const
export const REASON_TEMPLATE_LIMITS = { maxLength: 500, maxItems: 50 } as const

export async function fetchAppSettings(): Promise<AppSettings> {
  return (await http<AppSettings>('GET', '/settings/app')).data
}

export async function updateAppSettings(patch: AppSettingsPatch): Promise<AppSettings> {
  return (await http<AppSettings>('PUT', '/settings/app', { body: patch })).data
}
