import type { Flow, TargetName } from '@veriflow/schema'

/** A provider's settings with credentials decrypted (never logged, never returned by the API). */
export interface ProviderConfig {
  baseUrl: string
  /** Non-secret options (e.g. a path override for an undocumented endpoint). */
  options: Record<string, unknown>
  /** Decrypted credentials, by field name (company_key, client_id, pass_key, …). */
  credentials: Record<string, string>
}

/** What an adapter needs to start a session at its provider. */
export interface LaunchInput {
  /** Veriflow's session id (already stored): OneKYC partner session id, Trustmatic sessionId. */
  sessionId: string
  flow: Flow
  externalUserId: string
  userDetails: Record<string, unknown>
  language: string | undefined
  /** Where the provider sends the user back: Veriflow's return page for this session. */
  returnUrl: string
  /** The integrator's own return URL, if the launch gave one (sandbox redirects there itself). */
  integratorReturnUrl: string | undefined
  config: ProviderConfig
}

export interface LaunchOutput {
  /** The provider's handle on the session (Identomat token, OneKYC submission/session, …). */
  providerRef: string | null
  launchUrl: string
  expiresAt: Date
  /** Adapter-private state kept on the session (no secrets). */
  state?: Record<string, unknown>
}

/** A provider result mapped onto Veriflow's outcome, with the raw payload kept as it came. */
export interface ProviderResult {
  /** False while the provider is still working (keep polling / waiting for the callback). */
  final: boolean
  outcome: 'passed' | 'failed' | 'review_needed' | null
  /** Normalised fields shown in review (Identomat similarity/live/person, OneKYC VALID + reason, Trustmatic HIGH/MEDIUM/LOW). */
  summary: Record<string, unknown>
  raw: unknown
  /**
   * The provider's own id for the session, when the answer names one Veriflow may not know yet
   * (a OneKYC submissionId): kept as the session's provider_ref so later callbacks find it.
   */
  providerRef?: string
}

/** The session as adapters see it when fetching results or matching callbacks. */
export interface ProviderSession {
  id: string
  providerRef: string | null
  externalUserId: string
  state: Record<string, unknown>
}

/** An inbound provider callback, as received. */
export interface CallbackRequest {
  headers: Record<string, string | string[] | undefined>
  body: unknown
  ip: string | undefined
}

/** What a callback said, once authenticated: which session, and what to do next. */
export interface CallbackOutcome {
  /** Find the session by Veriflow id or by the provider's reference. */
  sessionId?: string
  providerRef?: string
  /** An id for idempotency: the same callback twice changes nothing the second time. */
  eventId: string
  /** The result, when the callback carries (or the adapter confirmed) one. */
  result?: ProviderResult
  /** A status to record even without a final result. */
  status?: 'processing' | 'error'
  errorCode?: string
}

/**
 * One adapter per provider, same interface, in src/providers/<name>/. Adapters speak HTTP to
 * their provider only; storage and state changes stay in the sessions service.
 */
export interface ProviderAdapter {
  readonly target: TargetName
  launch(input: LaunchInput): Promise<LaunchOutput>
  fetchResult(session: ProviderSession, config: ProviderConfig): Promise<ProviderResult>
  /** Authenticates and reads an inbound callback; throws ProviderCallbackError (→ 400/401). */
  handleCallback?(request: CallbackRequest, config: ProviderConfig): Promise<CallbackOutcome>
}
