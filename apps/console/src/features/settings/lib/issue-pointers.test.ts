import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import { fieldFor, issuesOnFields } from './issue-pointers.ts'

const FIELDS = ['/baseUrl', '/options/callbackAllowedIps', '/credentials/pass_key']

describe('issue pointers', () => {
  it('finds the field a pointer names, or its nearest ancestor field', () => {
    expect(fieldFor('/baseUrl', FIELDS)).toBe('/baseUrl')
    expect(fieldFor('/options/callbackAllowedIps/2', FIELDS)).toBe('/options/callbackAllowedIps')
    expect(fieldFor('/options/tokenUrl', FIELDS)).toBeUndefined()
    expect(fieldFor('/baseUrlX', FIELDS)).toBeUndefined()
    expect(fieldFor('', FIELDS)).toBeUndefined()
    expect(fieldFor(undefined, FIELDS)).toBeUndefined()
  })

  it('puts the first message of each field on it as a sentence and keeps the rest', () => {
    const error = new ApiError(400, 'URL_INVALID', 'x', [
      { code: 'URL_INVALID', message: 'the base URL must use https', path: '/baseUrl' },
      { code: 'URL_INVALID', message: 'second message', path: '/baseUrl' },
      {
        code: 'OPTION_INVALID',
        message: '"10.0.0.0/99" is no range',
        path: '/options/callbackAllowedIps/0',
      },
      { code: 'SCHEMA_MIN_PROPERTIES', message: 'nothing to change', path: '' },
    ])
    const split = issuesOnFields(error, FIELDS)
    expect(split.fields).toEqual({
      '/baseUrl': 'The base URL must use https.',
      '/options/callbackAllowedIps': '"10.0.0.0/99" is no range.',
    })
    expect(split.rest.map((issue) => issue.code)).toEqual(['SCHEMA_MIN_PROPERTIES'])
  })

  it('turns anything but an API error into one general issue', () => {
    expect(issuesOnFields(new Error('boom'), FIELDS)).toEqual({
      fields: {},
      rest: [{ code: 'UNKNOWN', message: 'something went wrong' }],
    })
  })
})
