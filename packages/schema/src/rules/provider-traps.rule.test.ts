import { describe, it } from 'vitest'
import {
  expectClean,
  expectIssue,
  expectIssues,
  expectNoIssue,
  flagStep,
  flow,
} from '../test-support/flows.ts'

const liveness = (flags: Record<string, unknown>) =>
  flow([flagStep('s_live', 'liveness', { flags })])

describe('FLAG_NO_EFFECT', () => {
  it('accepts selfie upload with passive liveness', () => {
    expectClean(liveness({ liveness: false, allow_face_upload: true }))
    expectClean(liveness({ allow_face_upload: true }))
  })

  it('warns about allow_face_upload with active liveness, at the flag', () => {
    expectIssue(
      liveness({ liveness: true, allow_face_upload: true }),
      'FLAG_NO_EFFECT',
      '/steps/0/flags/allow_face_upload',
      'warning',
    )
  })

  it('does not warn when allow_face_upload is off', () => {
    expectNoIssue(liveness({ liveness: true, allow_face_upload: false }), 'FLAG_NO_EFFECT')
  })
})

describe('RESTRICT_URL_SHARING_HIDES_QR', () => {
  const withSettings = (settings: Record<string, unknown>) => flow(undefined, { settings })

  it('accepts restricted sharing with a switch-device URL', () => {
    expectClean(
      withSettings({ restrictUrlSharing: true, switchDeviceUrl: 'https://example.com/phone' }),
    )
  })

  it('warns when URL sharing is restricted and there is no switch-device URL', () => {
    expectIssue(
      withSettings({ restrictUrlSharing: true }),
      'RESTRICT_URL_SHARING_HIDES_QR',
      '/settings/restrictUrlSharing',
      'warning',
    )
  })

  it('treats an empty switch-device URL as none', () => {
    expectIssue(
      withSettings({ restrictUrlSharing: true, switchDeviceUrl: '' }),
      'RESTRICT_URL_SHARING_HIDES_QR',
      '/settings/restrictUrlSharing',
      'warning',
    )
  })

  it('does not warn when sharing is not restricted', () => {
    expectClean(withSettings({ restrictUrlSharing: false }))
  })
})

describe('IDENTOMAT_SKIP_DOCUMENT_MISSING / IDENTOMAT_SKIP_FACE_MISSING', () => {
  const steps = [
    flagStep('s_mail', 'email'),
    flagStep('s_doc', 'identity-document'),
    flagStep('s_live', 'liveness'),
  ]
  const withIdentomat = (identomat: Record<string, unknown> | undefined, s = steps) =>
    flow(s, identomat ? { targets: { identomat } } : {})

  it('warns at the first identity-document and liveness steps when Identomat is enabled', () => {
    const doc = withIdentomat({ enabled: true })
    expectIssue(doc, 'IDENTOMAT_SKIP_DOCUMENT_MISSING', '/steps/1', 'warning')
    expectIssue(doc, 'IDENTOMAT_SKIP_FACE_MISSING', '/steps/2', 'warning')
  })

  it('warns once even with several such steps', () => {
    const doc = withIdentomat({ enabled: true }, [
      flagStep('s_live', 'liveness'),
      flagStep('s_doc', 'identity-document'),
      flagStep('s_doc2', 'identity-document'),
      flagStep('s_live2', 'liveness'),
    ])
    expectIssues(doc, 'IDENTOMAT_SKIP_DOCUMENT_MISSING', [
      { path: '/steps/1', severity: 'warning' },
    ])
    expectIssues(doc, 'IDENTOMAT_SKIP_FACE_MISSING', [{ path: '/steps/0', severity: 'warning' }])
  })

  it('is silent when the skip flags are set', () => {
    expectClean(withIdentomat({ enabled: true, skip_document: true, skip_face: true }))
  })

  it('checks each skip flag on its own', () => {
    const doc = withIdentomat({ enabled: true, skip_document: true })
    expectNoIssue(doc, 'IDENTOMAT_SKIP_DOCUMENT_MISSING')
    expectIssue(doc, 'IDENTOMAT_SKIP_FACE_MISSING', '/steps/2', 'warning')
  })

  it('is silent when Identomat is disabled or absent', () => {
    expectClean(withIdentomat({ enabled: false }))
    expectClean(withIdentomat(undefined))
  })

  it('is silent when the flow has neither step', () => {
    expectClean(withIdentomat({ enabled: true }, [flagStep('s_mail', 'email')]))
  })
})

describe('FLOW_EMPTY', () => {
  it('accepts a flow with a step', () => {
    expectNoIssue(flow(), 'FLOW_EMPTY')
  })

  it('warns about a flow without steps, at /steps', () => {
    expectIssue(flow([]), 'FLOW_EMPTY', '/steps', 'warning')
  })

  it('leaves a missing or non-list steps to the schema', () => {
    expectNoIssue({ schemaVersion: 1, name: 'x', languages: ['en'] }, 'FLOW_EMPTY')
    expectNoIssue(flow(undefined, { steps: {} }), 'FLOW_EMPTY')
  })
})
