import { describe, expect, it } from 'vitest'
import { ApiError } from '../http.ts'
import { sentence, splitIssues } from './field-issues.ts'

describe('splitIssues', () => {
  it('puts each issue on its field and keeps the rest', () => {
    const error = new ApiError(400, 'PASSWORD_TOO_WEAK', 'x', [
      {
        code: 'PASSWORD_TOO_WEAK',
        message: 'the password must be at least 10 characters',
        path: '/password',
      },
      { code: 'SCHEMA_FORMAT', message: 'must match format "email"', path: '/email' },
      { code: 'SETUP_TOKEN_INVALID', message: 'this set-up link is invalid', path: '/token' },
      { code: 'INTERNAL', message: 'no path' },
    ])
    const { fields, rest } = splitIssues(error, ['email', 'password'] as const)
    expect(fields).toEqual({
      password: 'The password must be at least 10 characters.',
      email: 'Must match format "email".',
    })
    expect(rest.map((issue) => issue.code)).toEqual(['SETUP_TOKEN_INVALID', 'INTERNAL'])
  })

  it('matches nested paths to their field and keeps the first message', () => {
    const error = new ApiError(400, 'A', 'x', [
      { code: 'A', message: 'first', path: '/name/0' },
      { code: 'B', message: 'second', path: '/name' },
    ])
    expect(splitIssues(error, ['name'] as const).fields).toEqual({ name: 'First.' })
  })

  it('puts a non-API failure in the rest', () => {
    expect(splitIssues(new Error('x'), ['name'] as const).rest).toHaveLength(1)
  })
})

describe('sentence', () => {
  it('capitalises and ends with a full stop once', () => {
    expect(sentence('must be boolean')).toBe('Must be boolean.')
    expect(sentence('Done!')).toBe('Done!')
    expect(sentence('')).toBe('')
  })
})
