import { describe, expect, it } from 'vitest'
import type { AppSettings } from '../app-settings.api.ts'
import {
  moveRow,
  reviewFieldPointers,
  reviewForm,
  reviewFormProblems,
  reviewPatch,
  templateRow,
} from './review-form.ts'

function settings(extra: Partial<AppSettings> = {}): AppSettings {
  return {
    fourEyes: false,
    reasonTemplates: {
      approved: [],
      rejected: ['Expired document', 'Face mismatch'],
      resubmission_requested: ['Blurry photo'],
    },
    sessionTtlMinutesDefault: 15,
    updatedAt: null,
    ...extra,
  }
}

describe('review settings form', () => {
  it('asks for nothing until something changes', () => {
    const form = reviewForm(settings())
    expect(reviewPatch(settings(), form)).toBeNull()
    form.templates.rejected[0]!.text = '  Expired document '
    expect(reviewPatch(settings(), form)).toBeNull()
  })

  it('sends four-eyes, the lifetime and only the template lists that changed', () => {
    const form = reviewForm(settings())
    form.fourEyes = true
    form.ttlMinutes = ' 60 '
    form.templates.rejected = moveRow(form.templates.rejected, 1, -1)
    form.templates.approved.push(templateRow('Looks good'))
    expect(reviewPatch(settings(), form)).toEqual({
      fourEyes: true,
      sessionTtlMinutesDefault: 60,
      reasonTemplates: {
        approved: ['Looks good'],
        rejected: ['Face mismatch', 'Expired document'],
      },
    })
  })

  it('moves a row up or down and leaves the ends alone', () => {
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveRow(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moveRow(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moveRow(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })

  it('reports empty, too long and repeated templates and a lifetime out of range, at the API’s paths', () => {
    const form = reviewForm(settings())
    form.ttlMinutes = '10081'
    form.templates.rejected.push(templateRow('  '), templateRow('face MISMATCH'))
    form.templates.approved.push(templateRow('x'.repeat(501)))
    expect(reviewFormProblems(form)).toEqual({
      '/sessionTtlMinutesDefault': 'Enter whole minutes from 1 to 10080.',
      '/reasonTemplates/rejected/2': 'Enter the text, or remove this template.',
      '/reasonTemplates/rejected/3': 'This template is already listed.',
      '/reasonTemplates/approved/0': 'At most 500 characters.',
    })
    form.ttlMinutes = '1.5'
    expect(reviewFormProblems(form)['/sessionTtlMinutesDefault']).toBeDefined()
    form.ttlMinutes = '10080'
    expect(reviewFormProblems(form)['/sessionTtlMinutesDefault']).toBeUndefined()
  })

  it('names a pointer for every row', () => {
    const form = reviewForm(settings())
    expect(reviewFieldPointers(form)).toEqual([
      '/fourEyes',
      '/sessionTtlMinutesDefault',
      '/reasonTemplates/approved',
      '/reasonTemplates/rejected',
      '/reasonTemplates/rejected/0',
      '/reasonTemplates/rejected/1',
      '/reasonTemplates/resubmission_requested',
      '/reasonTemplates/resubmission_requested/0',
    ])
  })
})
