import { ApiError } from '../../../app/http.ts'

/**
 * The API's refusal to leave the installation without an active admin (409 LAST_ADMIN), in
 * words that say what to do; null for any other failure.
 */
export function lastAdminRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'LAST_ADMIN') return null
  return 'Veriflow needs at least one active admin, and this is the last one. Make another user an admin first, then try again.'
}
