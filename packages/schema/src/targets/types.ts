import type { Issue } from '../issue.ts'

/**
 * Values known only when a session is launched. Compiling for export leaves them out and the
 * payload carries readable placeholders such as `<company_key>` instead (never a real secret).
 */
export interface LaunchContext {
  /** Veriflow's session id (OneKYC `x-partner-session-id`, Trustmatic `sessionId`). */
  sessionId?: string
  /** The end user's id in the integrator's system. */
  externalId?: string
  /** Overrides settings.returnUrl for this launch. */
  returnUrl?: string
}

export interface CompileResult<P> {
  /** The provider payload, or null when the flow has errors (see `issues`). */
  payload: P | null
  issues: Issue[]
}

export function placeholder(name: string): string {
  return `<${name}>`
}
