import { AppError } from '../common/errors/app-error.ts'

/**
 * A provider could not be reached or answered badly (502 PROVIDER_UNAVAILABLE), or refused the
 * request (502 PROVIDER_REJECTED, with the provider's own error code in the message).
 */
export class ProviderError extends AppError {
  constructor(
    readonly kind: 'unavailable' | 'rejected',
    readonly provider: string,
    message: string,
    readonly providerCode?: string,
  ) {
    const code = kind === 'unavailable' ? 'PROVIDER_UNAVAILABLE' : 'PROVIDER_REJECTED'
    const text = `${provider}: ${message}${providerCode ? ` (provider code ${providerCode})` : ''}`
    super(502, code, text)
  }
}

/** An inbound callback that is not authentic (401) or not in the provider's documented shape (400). */
export class ProviderCallbackError extends AppError {
  constructor(status: 400 | 401, code: string, message: string) {
    super(status, code, message)
  }
}
