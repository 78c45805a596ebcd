import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import { endPageOf } from './end-pages.ts'

const err = (status: number, code: string) =>
  new ApiError(status, code, code, [{ code, message: code }])

describe('endPageOf', () => {
  it('maps the session’s terminal errors to their pages', () => {
    expect(endPageOf(err(410, 'SESSION_EXPIRED'))).toBe('expired')
    expect(endPageOf(err(409, 'SESSION_ALREADY_COMPLETED'))).toBe('already-completed')
    expect(endPageOf(err(409, 'SESSION_ALREADY_CLAIMED'))).toBe('claimed')
    expect(endPageOf(err(403, 'RUNNER_CLAIM_INVALID'))).toBe('claimed')
    expect(endPageOf(err(404, 'RUNNER_LINK_NOT_FOUND'))).toBe('not-found')
    expect(endPageOf(err(409, 'HANDOFF_ALREADY_CLAIMED'))).toBe('handoff-used')
    expect(endPageOf(err(410, 'HANDOFF_EXPIRED'))).toBe('handoff-used')
    expect(endPageOf(err(409, 'SESSION_CLOSED'))).toBe('closed')
  })

  it('leaves errors a retry may fix to the step', () => {
    expect(endPageOf(err(400, 'VALIDATION_FAILED'))).toBeNull()
    expect(endPageOf(err(0, 'NETWORK_ERROR'))).toBeNull()
    expect(endPageOf(new Error('x'))).toBeNull()
  })
})
