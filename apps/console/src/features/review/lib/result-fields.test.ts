import { describe, expect, it } from 'vitest'
import { prettyJson, resultGroups } from './result-fields.ts'

describe('resultGroups', () => {
  it('lays out an Identomat result: verdict, similarity, liveness, reject reason, person', () => {
    const [main, person] = resultGroups({
      result: 'rejected',
      similarity: 0.9132,
      live: true,
      rejectReason: { value: 'DOC_EXPIRED', description: 'The document has expired' },
      person: { firstName: 'Nino', lastName: 'Beridze', birthday: '1990-01-02' },
    })
    expect(main?.title).toBeNull()
    expect(main?.fields).toEqual([
      { label: 'Result', value: 'rejected', tone: 'danger' },
      { label: 'Face similarity', value: '91.3%' },
      { label: 'Live person', value: 'Yes', tone: 'success' },
      { label: 'Reject reason', value: 'DOC_EXPIRED — The document has expired' },
    ])
    expect(person).toEqual({
      title: 'Person',
      fields: [
        { label: 'First name', value: 'Nino' },
        { label: 'Last name', value: 'Beridze' },
        { label: 'Birthday', value: '1990-01-02' },
      ],
    })
  })

  it('reads OneKYC and Trustmatic verdicts the same way', () => {
    expect(resultGroups({ result: 'VALID', reasonCode: 'OK' })[0]?.fields).toEqual([
      { label: 'Result', value: 'VALID', tone: 'success' },
      { label: 'Reason code', value: 'OK' },
    ])
    expect(resultGroups({ result: 'INVALID', reasonCode: 'FACE_MISMATCH' })[0]?.fields[0]).toEqual({
      label: 'Result',
      value: 'INVALID',
      tone: 'danger',
    })
    expect(resultGroups({ decision: 'MEDIUM' })[0]?.fields).toEqual([
      { label: 'Risk', value: 'MEDIUM', tone: 'warning' },
    ])
  })

  it('is empty without a result, and shows lists and blanks plainly', () => {
    expect(resultGroups(null)).toEqual([])
    expect(resultGroups({ verifiedContacts: [], note: '' })[0]?.fields).toEqual([
      { label: 'Verified contacts', value: '—' },
      { label: 'Note', value: '—' },
    ])
  })
})

describe('prettyJson', () => {
  it('indents the raw payload as text', () => {
    expect(prettyJson({ a: '<b>x</b>' })).toBe('{\n  "a": "<b>x</b>"\n}')
  })
})
