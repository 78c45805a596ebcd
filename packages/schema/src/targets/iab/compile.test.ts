import { describe, expect, it } from 'vitest'
import type { Flow } from '../../flow.schema.ts'
import type { Step } from '../../step.schema.ts'
import type { IabTarget } from '../../targets.schema.ts'
import { compile } from '../compile.ts'
import { compileForIab } from './compile.ts'
import { INITIATE_FLOW_PATH } from './initiate-flow.ts'

const RETURN_URL = 'https://example.com/kyc/done'
const ktp: Step = {
  id: 's_ktp',
  type: 'identity-document',
  key: 'identity-document',
  flags: { document_countries: ['IDN'] },
}
const selfie: Step = { id: 's_face', type: 'liveness', key: 'liveness', flags: { liveness: false } }

function kycLite(fields: Partial<Flow> = {}, iab: Partial<IabTarget> = {}): Flow {
  return {
    schemaVersion: 1,
    name: 'KYC Lite',
    languages: ['en'],
    settings: { returnUrl: RETURN_URL },
    steps: [ktp, selfie],
    targets: { iab: { enabled: true, product: 'KYC_LITE', flowCode: 'KYC_LITE_WEB', ...iab } },
    ...fields,
  }
}

function codesAt(flow: Flow, launch = {}) {
  return compile(flow, 'iab', launch).issues.map((i) => [i.path, i.code, i.severity])
}

describe('compileForIab: the Initiate Flow request', () => {
  it('compiles KYC Lite (identity document + passive liveness) to the web SDK body and headers', () => {
    const result = compile(kycLite(), 'iab')
    expect(result.issues).toEqual([])
    expect(result.payload).toEqual({
      method: 'POST',
      path: INITIATE_FLOW_PATH,
      headers: {
        'content-type': 'application/json',
        'x-onekyc-token': '<partner token>',
        'x-onboarding-partner': '<onboarding partner code>',
        'x-partner-user-id': '<partner user id>',
        'x-partner-user-id-type': '<partner user id type>',
        'x-partner-session-id': '<session id (UUID)>',
      },
      body: {
        flow: 'KYC_LITE_WEB',
        source: 'WEB_SDK',
        successRedirectionUrl: RETURN_URL,
        failureRedirectionUrl: RETURN_URL,
      },
      launchMode: 'redirect',
    })
  })

  it('accepts a liveness step without flags as passive liveness', () => {
    const flow = kycLite({ steps: [ktp, { id: 's_face', type: 'liveness', key: 'liveness' }] })
    expect(compile(flow, 'iab').issues).toEqual([])
  })

  it('fills the per-launch headers from the launch context and the target', () => {
    const flow = kycLite({}, { partnerUserIdType: 'PHONE', launchMode: 'iframe' })
    const payload = compile(flow, 'iab', {
      sessionId: '3f1c7c4e-0000-4000-8000-000000000001',
      externalId: 'user-7',
    }).payload!
    expect(payload.headers).toMatchObject({
      'x-partner-user-id': 'user-7',
      'x-partner-user-id-type': 'PHONE',
      'x-partner-session-id': '3f1c7c4e-0000-4000-8000-000000000001',
    })
    expect(payload.launchMode).toBe('iframe')
  })

  it("uses the target's own success and failure URLs over settings.returnUrl", () => {
    const flow = kycLite(
      {},
      {
        successRedirectionUrl: 'https://example.com/ok',
        failureRedirectionUrl: 'https://example.com/ko',
      },
    )
    expect(compile(flow, 'iab').payload!.body).toMatchObject({
      successRedirectionUrl: 'https://example.com/ok',
      failureRedirectionUrl: 'https://example.com/ko',
    })
  })

  it('lets LaunchContext.returnUrl override settings.returnUrl', () => {
    const body = compile(kycLite(), 'iab', { returnUrl: 'https://example.com/launch' }).payload!
      .body
    expect(body.successRedirectionUrl).toBe('https://example.com/launch')
    expect(body.failureRedirectionUrl).toBe('https://example.com/launch')
  })

  it.each([
    ['system', 'NO_PREFERENCE'],
    ['light', 'LIGHT_MODE'],
    ['dark', 'DARK_MODE'],
  ] as const)('maps theme %s to %s', (theme, expected) => {
    const result = compile(kycLite({ settings: { returnUrl: RETURN_URL, theme } }), 'iab')
    expect(result.payload!.body.theme).toBe(expected)
  })

  it('sends no theme when the flow sets none', () => {
    expect('theme' in compile(kycLite(), 'iab').payload!.body).toBe(false)
  })

  it('sends additionalDetails only with the options that are set', () => {
    const details = (settings: Flow['settings']) =>
      compile(kycLite({ settings: { returnUrl: RETURN_URL, ...settings } }), 'iab').payload!.body
        .additionalDetails
    expect(details({})).toBeUndefined()
    expect(details({ portraitOnly: false })).toEqual({ portraitOnly: false })
    expect(details({ portraitOnly: true })).toEqual({ portraitOnly: true })
    expect(details({ qr: { allow: true } })).toEqual({ allowQr: true })
    expect(details({ qr: { force: false } })).toEqual({ forceQr: false })
    expect(details({ qr: {} })).toBeUndefined()
    expect(details({ portraitOnly: true, qr: { allow: true, force: true } })).toEqual({
      portraitOnly: true,
      allowQr: true,
      forceQr: true,
    })
  })
})

describe('compileForIab: products and flow codes', () => {
  it('needs no flowCode for FACE_VERIFICATION, the one publicly documented value', () => {
    const flow = kycLite({ steps: [selfie] }, { product: 'FACE_VERIFICATION', flowCode: undefined })
    const result = compile(flow, 'iab')
    expect(result.issues).toEqual([])
    expect(result.payload!.body.flow).toBe('FACE_VERIFICATION')
  })

  it('prefers a configured flowCode for FACE_VERIFICATION', () => {
    const flow = kycLite(
      { steps: [selfie] },
      { product: 'FACE_VERIFICATION', flowCode: 'FACE_VERIFICATION_V2' },
    )
    expect(compile(flow, 'iab').payload!.body.flow).toBe('FACE_VERIFICATION_V2')
  })

  it.each([
    ['KTP_SCAN', [ktp]],
    ['FACE_MATCH', [selfie]],
    ['STANDALONE_LIVENESS', [selfie]],
    ['KYC_LITE', [ktp, selfie]],
  ] as const)('requires a flowCode for %s', (product, steps) => {
    const flow = kycLite({ steps: [...steps] }, { product, flowCode: undefined })
    const result = compile(flow, 'iab')
    expect(result.payload).toBeNull()
    expect(result.issues).toEqual([
      {
        path: '/targets/iab',
        code: 'IAB_FLOW_CODE_REQUIRED',
        message: expect.any(String),
        severity: 'error',
      },
    ])
    expect(
      compile(kycLite({ steps: [...steps] }, { product, flowCode: 'X_1' }), 'iab').issues,
    ).toEqual([])
  })

  it('treats a flow without an iab target as KYC Lite and reports at the root', () => {
    const flow = kycLite({ targets: undefined })
    expect(codesAt(flow)).toEqual([['', 'IAB_FLOW_CODE_REQUIRED', 'error']])
  })

  it.each([
    ['KYC_LITE', [selfie, ktp], '/targets/iab/product'],
    ['KYC_LITE', [ktp], '/targets/iab/product'],
    ['KTP_SCAN', [ktp, selfie], '/targets/iab/product'],
    ['FACE_VERIFICATION', [ktp], '/targets/iab/product'],
    ['STANDALONE_LIVENESS', [], '/targets/iab/product'],
  ] as const)('reports steps that do not match %s', (product, steps, path) => {
    const result = compile(kycLite({ steps: [...steps] }, { product, flowCode: 'CODE' }), 'iab')
    expect(result.payload).toBeNull()
    expect(result.issues).toEqual([
      { path, code: 'IAB_PRODUCT_STEPS_MISMATCH', message: expect.any(String), severity: 'error' },
    ])
  })

  it('reports a mismatch with the default product at /steps', () => {
    const flow = kycLite({ steps: [selfie] }, { product: undefined })
    expect(codesAt(flow)).toEqual([['/steps', 'IAB_PRODUCT_STEPS_MISMATCH', 'error']])
  })
})

describe('compileForIab: redirection URLs', () => {
  it('requires a return URL', () => {
    const result = compile(kycLite({ settings: {} }), 'iab')
    expect(result.payload).toBeNull()
    expect(result.issues).toEqual([
      {
        path: '/targets/iab',
        code: 'IAB_REDIRECT_URL_REQUIRED',
        message: expect.any(String),
        severity: 'error',
      },
    ])
  })

  it('reports at the root when the flow has no iab target', () => {
    const flow = kycLite({ settings: undefined, steps: [selfie], targets: undefined })
    expect(codesAt(flow)).toEqual([
      ['/steps', 'IAB_PRODUCT_STEPS_MISMATCH', 'error'],
      ['', 'IAB_REDIRECT_URL_REQUIRED', 'error'],
      ['', 'IAB_FLOW_CODE_REQUIRED', 'error'],
    ])
  })

  it('requires both URLs when only one is configured', () => {
    expect(
      codesAt(kycLite({ settings: {} }, { successRedirectionUrl: 'https://example.com/ok' })),
    ).toEqual([['/targets/iab', 'IAB_REDIRECT_URL_REQUIRED', 'error']])
    expect(
      codesAt(kycLite({ settings: {} }, { failureRedirectionUrl: 'https://example.com/ko' })),
    ).toEqual([['/targets/iab', 'IAB_REDIRECT_URL_REQUIRED', 'error']])
  })

  it('needs no settings.returnUrl when the launch context gives one', () => {
    const result = compile(kycLite({ settings: {} }), 'iab', {
      returnUrl: 'https://example.com/launch',
    })
    expect(result.issues).toEqual([])
    expect(result.payload!.body).toMatchObject({
      successRedirectionUrl: 'https://example.com/launch',
      failureRedirectionUrl: 'https://example.com/launch',
    })
  })

  it('writes placeholders when called directly without URLs', () => {
    const body = compileForIab(kycLite({ settings: {} })).payload!.body
    expect(body.successRedirectionUrl).toBe('<successRedirectionUrl>')
    expect(body.failureRedirectionUrl).toBe('<failureRedirectionUrl>')
  })
})

describe('compileForIab: what OneKYC cannot express', () => {
  const unsupported: Step[] = [
    {
      id: 's_x',
      type: 'user-questionnaire',
      key: 'form',
      questions: [{ id: 'q1', type: 'string', key: 'a' }],
    },
    {
      id: 's_x',
      type: 'operator-questionnaire',
      key: 'review',
      questions: [{ id: 'q1', type: 'string', key: 'a' }],
    },
    { id: 's_x', type: 'email', key: 'require_email' },
    { id: 's_x', type: 'phone-number', key: 'phone_number' },
    { id: 's_x', type: 'general-document', key: 'select_general_document' },
    { id: 's_x', type: 'face-document', key: 'capture_face_document' },
    { id: 's_x', type: 'video-call', key: 'video-call' },
  ]

  it.each(unsupported.map((step) => [step.type, step] as const))(
    'reports a %s step at its path',
    (_type, step) => {
      const result = compile(kycLite({ steps: [ktp, step, selfie] }), 'iab')
      expect(result.payload).toBeNull()
      expect(result.issues).toEqual([
        {
          path: '/steps/1',
          code: 'TARGET_UNSUPPORTED_STEP',
          message: expect.any(String),
          severity: 'error',
        },
      ])
    },
  )

  it('reports active liveness at its flag', () => {
    const flow = kycLite({
      steps: [ktp, { id: 's_face', type: 'liveness', key: 'liveness', flags: { liveness: true } }],
    })
    expect(compile(flow, 'iab').payload).toBeNull()
    expect(codesAt(flow)).toEqual([['/steps/1/flags/liveness', 'TARGET_UNSUPPORTED_FLAG', 'error']])
  })

  it.each([[['GEO']], [['IDN', 'GEO']], [['USA']]])(
    'reports document_countries %j: OneKYC scans Indonesian KTP only',
    (countries) => {
      const flow = kycLite({
        steps: [
          {
            id: 's_ktp',
            type: 'identity-document',
            key: 'identity-document',
            flags: { document_countries: countries },
          },
          selfie,
        ],
      })
      expect(compile(flow, 'iab').payload).toBeNull()
      expect(codesAt(flow)).toEqual([
        ['/steps/0/flags/document_countries', 'TARGET_UNSUPPORTED_FLAG', 'error'],
      ])
    },
  )

  it.each([[['IDN']], [[]]])('accepts document_countries %j', (countries) => {
    const flow = kycLite({
      steps: [
        {
          id: 's_ktp',
          type: 'identity-document',
          key: 'identity-document',
          flags: { document_countries: countries },
        },
        selfie,
      ],
    })
    expect(codesAt(flow)).toEqual([])
  })

  it.each([
    ['disable_document_capture', 0],
    ['allow_document_upload', 0],
    ['allow_face_upload', 1],
  ] as const)('warns that %s is ignored, and still compiles', (flag, index) => {
    const steps: Step[] = [structuredClone(ktp), structuredClone(selfie)]
    ;(steps[index] as { flags: Record<string, unknown> }).flags[flag] = true
    const result = compile(kycLite({ steps }), 'iab')
    expect(result.payload).not.toBeNull()
    expect(result.issues).toEqual([
      {
        path: `/steps/${index}/flags/${flag}`,
        code: 'TARGET_IGNORED_FLAG',
        message: expect.any(String),
        severity: 'warning',
      },
    ])
  })

  it('does not warn about ignored flags left at their harmless value', () => {
    const flow = kycLite({
      steps: [
        {
          id: 's_ktp',
          type: 'identity-document',
          key: 'identity-document',
          flags: {
            disable_document_capture: false,
            allow_document_upload: false,
            document_types: ['id'],
          },
        },
        {
          id: 's_face',
          type: 'liveness',
          key: 'liveness',
          flags: { liveness: false, allow_face_upload: false },
        },
      ],
    })
    expect(codesAt(flow)).toEqual([])
  })

  it('warns that document types other than the KTP identity card are ignored', () => {
    const flow = kycLite({
      steps: [
        {
          id: 's_ktp',
          type: 'identity-document',
          key: 'identity-document',
          flags: { document_types: ['passport'] },
        },
        selfie,
      ],
    })
    const result = compile(flow, 'iab')
    expect(result.payload).not.toBeNull()
    expect(result.issues).toEqual([
      {
        path: '/steps/0/flags/document_types',
        code: 'TARGET_IGNORED_FLAG',
        message: expect.any(String),
        severity: 'warning',
      },
    ])
  })

  it.each([
    'skipDesktop',
    'restrictUrlSharing',
    'optionalContinueOnAnotherDevice',
    'multipleParticipants',
  ] as const)('warns that the Identomat-only setting %s is ignored', (field) => {
    const flow = kycLite({ settings: { returnUrl: RETURN_URL, [field]: true } })
    expect(codesAt(flow)).toEqual([[`/settings/${field}`, 'TARGET_UNSUPPORTED_SETTING', 'warning']])
    expect(codesAt(kycLite({ settings: { returnUrl: RETURN_URL, [field]: false } }))).toEqual([])
  })

  it('warns about a switch-device URL but not about an empty one', () => {
    expect(
      codesAt(
        kycLite({ settings: { returnUrl: RETURN_URL, switchDeviceUrl: 'https://example.com/p' } }),
      ),
    ).toEqual([['/settings/switchDeviceUrl', 'TARGET_UNSUPPORTED_SETTING', 'warning']])
    expect(codesAt(kycLite({ settings: { returnUrl: RETURN_URL, switchDeviceUrl: '' } }))).toEqual(
      [],
    )
  })
})

describe('compileForIab: redirection URL precedence', () => {
  const overrides = {
    successRedirectionUrl: 'https://example.com/ok',
    failureRedirectionUrl: 'https://example.com/ko',
  }

  it('an export uses the target URLs over settings.returnUrl', () => {
    const { body } = compileForIab(
      kycLite({}, { ...overrides, flowCode: 'KYC_LITE_CODE' }),
    ).payload!
    expect([body.successRedirectionUrl, body.failureRedirectionUrl]).toEqual([
      overrides.successRedirectionUrl,
      overrides.failureRedirectionUrl,
    ])
  })

  it("a launch through Veriflow sends the user to Veriflow's return page, whatever the target says", () => {
    const launch = { returnUrl: 'https://veriflow.example/r/return/s1' }
    const { body } = compileForIab(
      kycLite({}, { ...overrides, flowCode: 'KYC_LITE_CODE' }),
      launch,
    ).payload!
    expect([body.successRedirectionUrl, body.failureRedirectionUrl]).toEqual([
      launch.returnUrl,
      launch.returnUrl,
    ])
  })
})
