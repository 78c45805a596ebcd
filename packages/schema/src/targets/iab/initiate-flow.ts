import type { IabProduct } from '../../targets.schema.ts'

/**
 * Path of Initiate Flow. Inferred from the reference page slug `post_coe-partner-v1-initiate-flow`
 * (providers.md §1.5); the API's provider settings can override it.
 */
export const INITIATE_FLOW_PATH = '/coe-partner/v1/initiate-flow'

/** The steps each CoE product runs, in order (seeds 000–002). */
export const IAB_PRODUCT_STEPS: Record<
  IabProduct,
  ReadonlyArray<'identity-document' | 'liveness'>
> = {
  KTP_SCAN: ['identity-document'],
  FACE_VERIFICATION: ['liveness'],
  FACE_MATCH: ['liveness'],
  STANDALONE_LIVENESS: ['liveness'],
  KYC_LITE: ['identity-document', 'liveness'],
}

export const IAB_THEMES = {
  system: 'NO_PREFERENCE',
  light: 'LIGHT_MODE',
  dark: 'DARK_MODE',
} as const

/** Initiate Flow body for the web SDK (providers.md §1.5 and §4.1). */
export interface IabInitiateFlowBody {
  flow: string
  source: 'WEB_SDK'
  successRedirectionUrl: string
  failureRedirectionUrl: string
  theme?: (typeof IAB_THEMES)[keyof typeof IAB_THEMES]
  additionalDetails?: { portraitOnly?: boolean; allowQr?: boolean; forceQr?: boolean }
}

export interface IabInitiateFlowRequest {
  method: 'POST'
  path: string
  headers: Record<string, string>
  body: IabInitiateFlowBody
  /** How the returned launch URL is opened (an integration choice, not an API field). */
  launchMode: 'redirect' | 'webview' | 'iframe'
}
