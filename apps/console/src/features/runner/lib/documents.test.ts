import { describe, expect, it } from 'vitest'
import {
  documentTypeChoices,
  humanise,
  identityCaptureModes,
  IDENTITY_DOCUMENT_TYPES,
  sidesOf,
} from './documents.ts'

describe('identity documents', () => {
  it('offers the flag’s document types, or all of them when the list is empty', () => {
    expect(documentTypeChoices(['passport'], IDENTITY_DOCUMENT_TYPES)).toEqual(['passport'])
    expect(documentTypeChoices(['id', 'id', ' '], IDENTITY_DOCUMENT_TYPES)).toEqual(['id'])
    expect(documentTypeChoices([], IDENTITY_DOCUMENT_TYPES)).toEqual([...IDENTITY_DOCUMENT_TYPES])
    expect(documentTypeChoices(undefined, IDENTITY_DOCUMENT_TYPES)).toHaveLength(4)
  })

  it('passports have one page; other documents a front and a back', () => {
    expect(sidesOf('passport')).toEqual([{ kind: 'document_front', side: 'photo-page' }])
    expect(sidesOf('id').map((s) => s.kind)).toEqual(['document_front', 'document_back'])
    expect(sidesOf('driver_license').map((s) => s.side)).toEqual(['front', 'back'])
  })

  it('follows allow_document_upload and disable_document_capture', () => {
    expect(identityCaptureModes({})).toEqual({ camera: true, upload: false })
    expect(identityCaptureModes({ allow_document_upload: true })).toEqual({
      camera: true,
      upload: true,
    })
    expect(identityCaptureModes({ disable_document_capture: true })).toEqual({
      camera: false,
      upload: true,
    })
    expect(
      identityCaptureModes({ disable_document_capture: true, allow_document_upload: false }),
    ).toEqual({ camera: false, upload: true })
  })

  it('humanises unknown type values', () => {
    expect(humanise('proof_of_income')).toBe('Proof of income')
  })
})
