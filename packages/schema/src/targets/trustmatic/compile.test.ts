import { describe, expect, it } from 'vitest'
import type { Flow } from '../../flow.schema.ts'
import type { Step } from '../../step.schema.ts'
import type { TrustmaticTarget } from '../../targets.schema.ts'
import { compile } from '../compile.ts'
import { compileForTrustmatic, INITIALIZE_PATH } from './compile.ts'

const RETURN_URL = 'https://example.com/enrolment/done'
const documentStep: Step = { id: 's_doc', type: 'identity-document', key: 'identity-document' }
const faceStep: Step = { id: 's_face', type: 'liveness', key: 'liveness' }

function enrolment(fields: Partial<Flow> = {}, trustmatic: Partial<TrustmaticTarget> = {}): Flow {
  return {
    schemaVersion: 1,
    name: 'Enrolment',
    languages: ['en'],
    settings: { returnUrl: RETURN_URL },
    steps: [documentStep, faceStep],
    targets: { trustmatic: { enabled: true, ...trustmatic } },
    ...fields,
  }
}

function issuesOf(flow: Flow, launch = {}) {
  return compile(flow, 'trustmatic', launch).issues.map((i) => [i.path, i.code, i.severity])
}

describe('compileForTrustmatic: the initialize request', () => {
  it('compiles document then face capture to the initialize request with placeholders', () => {
    const result = compile(enrolment(), 'trustmatic')
    expect(result.issues).toEqual([])
    expect(result.payload).toEqual({
      request: {
        method: 'POST',
        path: INITIALIZE_PATH,
        headers: {
          authorization: '<Basic base64(username:password)>',
          'content-type': 'application/json',
        },
        body: {
          sessionId: '<session id (GUID)>',
          returnUrl: RETURN_URL,
          externalId: '<external id>',
        },
      },
      launchUrlParameters: {},
      integrationMode: 'redirect',
    })
    expect(INITIALIZE_PATH).toBe('/api/v1/enrolment/initialize')
  })

  it('fills sessionId, externalId and returnUrl from the launch context', () => {
    const launch = {
      sessionId: '9b2f0c7e-1111-4222-8333-444455556666',
      externalId: 'applicant-1',
      returnUrl: 'https://example.com/launch',
    }
    expect(compile(enrolment(), 'trustmatic', launch).payload!.request.body).toEqual({
      sessionId: '9b2f0c7e-1111-4222-8333-444455556666',
      returnUrl: 'https://example.com/launch',
      externalId: 'applicant-1',
    })
  })

  it.each([true, false])(
    'sends skipIntegrityCheck %s only when it is set',
    (skipIntegrityCheck) => {
      expect(
        compile(enrolment({}, { skipIntegrityCheck }), 'trustmatic').payload!.request.body
          .skipIntegrityCheck,
      ).toBe(skipIntegrityCheck)
      expect('skipIntegrityCheck' in compile(enrolment(), 'trustmatic').payload!.request.body).toBe(
        false,
      )
    },
  )

  it('keeps the Basic credentials out of the payload', () => {
    const headers = compile(enrolment(), 'trustmatic').payload!.request.headers
    expect(headers.authorization).toMatch(/^<Basic .*>$/)
  })

  it('reports the integration mode it was given', () => {
    expect(
      compile(enrolment({}, { integrationMode: 'directProcessing' }), 'trustmatic').payload!
        .integrationMode,
    ).toBe('directProcessing')
  })
})

describe('compileForTrustmatic: launch URL parameters', () => {
  it('adds iframe=true in iframe mode', () => {
    expect(
      compile(enrolment({}, { integrationMode: 'iframe' }), 'trustmatic').payload!
        .launchUrlParameters,
    ).toEqual({ iframe: 'true' })
  })

  it('adds lang in any mode', () => {
    expect(
      compile(enrolment({}, { lang: 'jp-JP' }), 'trustmatic').payload!.launchUrlParameters,
    ).toEqual({ lang: 'jp-JP' })
    expect(
      compile(enrolment({}, { integrationMode: 'iframe', lang: 'de-DE' }), 'trustmatic').payload!
        .launchUrlParameters,
    ).toEqual({
      iframe: 'true',
      lang: 'de-DE',
    })
  })

  it('adds crossDevice and onlyMobile in iframe mode', () => {
    const flow = enrolment({}, { integrationMode: 'iframe', crossDevice: false, onlyMobile: true })
    const result = compile(flow, 'trustmatic')
    expect(result.issues).toEqual([])
    expect(result.payload!.launchUrlParameters).toEqual({
      iframe: 'true',
      crossDevice: 'false',
      onlyMobile: 'true',
    })
  })

  it.each([
    ['crossDevice', 'redirect'],
    ['crossDevice', 'directProcessing'],
    ['onlyMobile', 'redirect'],
    ['onlyMobile', 'directProcessing'],
  ] as const)('reports %s outside iframe mode (%s) at its path', (name, integrationMode) => {
    const result = compile(enrolment({}, { integrationMode, [name]: true }), 'trustmatic')
    expect(result.payload).toBeNull()
    expect(result.issues).toEqual([
      {
        path: `/targets/trustmatic/${name}`,
        code: 'TRUSTMATIC_IFRAME_ONLY',
        message: expect.any(String),
        severity: 'error',
      },
    ])
  })

  it('reports crossDevice and onlyMobile without an integration mode (redirect by default)', () => {
    expect(issuesOf(enrolment({}, { crossDevice: false, onlyMobile: false }))).toEqual([
      ['/targets/trustmatic/crossDevice', 'TRUSTMATIC_IFRAME_ONLY', 'error'],
      ['/targets/trustmatic/onlyMobile', 'TRUSTMATIC_IFRAME_ONLY', 'error'],
    ])
  })
})

describe('compileForTrustmatic: what the web enrolment cannot express', () => {
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
      const result = compile(enrolment({ steps: [documentStep, faceStep, step] }), 'trustmatic')
      expect(result.payload).toBeNull()
      expect(result.issues).toEqual([
        {
          path: '/steps/2',
          code: 'TARGET_UNSUPPORTED_STEP',
          message: expect.any(String),
          severity: 'error',
        },
      ])
    },
  )

  it('requires a return URL', () => {
    const result = compile(enrolment({ settings: undefined }), 'trustmatic')
    expect(result.payload).toBeNull()
    expect(result.issues).toEqual([
      {
        path: '/targets/trustmatic',
        code: 'TRUSTMATIC_RETURN_URL_REQUIRED',
        message: expect.any(String),
        severity: 'error',
      },
    ])
  })

  it('reports a missing return URL at the root when the flow has no trustmatic target', () => {
    expect(issuesOf(enrolment({ settings: {}, targets: undefined }))).toEqual([
      ['', 'TRUSTMATIC_RETURN_URL_REQUIRED', 'error'],
    ])
  })

  it('needs no settings.returnUrl when the launch context gives one', () => {
    const result = compile(enrolment({ settings: {} }), 'trustmatic', {
      returnUrl: 'https://example.com/launch',
    })
    expect(result.issues).toEqual([])
    expect(result.payload!.request.body.returnUrl).toBe('https://example.com/launch')
  })

  it.each([
    ['face only', [faceStep], 'liveness'],
    ['document only', [documentStep], 'identity-document'],
    ['face before document', [faceStep, documentStep], 'liveness then identity-document'],
    ['no capture step', [], 'neither'],
  ] as const)(
    'warns that the steps are fixed (%s) and still compiles',
    (_name, steps, described) => {
      const result = compile(enrolment({ steps: [...steps] }), 'trustmatic')
      expect(result.payload).not.toBeNull()
      expect(result.issues).toEqual([
        {
          path: '/steps',
          code: 'TRUSTMATIC_STEPS_FIXED',
          message: expect.stringContaining(described),
          severity: 'warning',
        },
      ])
    },
  )

  it('warns about step flags it ignores, but not about flags at their defaults', () => {
    const flow = enrolment({
      steps: [
        {
          id: 's_doc',
          type: 'identity-document',
          key: 'identity-document',
          flags: {
            allow_document_upload: true,
            disable_document_capture: false,
            document_countries: ['GEO'],
            document_types: [],
          },
        },
        {
          id: 's_face',
          type: 'liveness',
          key: 'liveness',
          flags: { liveness: true, allow_face_upload: false },
        },
      ],
    })
    expect(issuesOf(flow)).toEqual([
      ['/steps/0/flags/allow_document_upload', 'TARGET_IGNORED_FLAG', 'warning'],
      ['/steps/0/flags/document_countries', 'TARGET_IGNORED_FLAG', 'warning'],
      ['/steps/1/flags/liveness', 'TARGET_IGNORED_FLAG', 'warning'],
    ])
  })

  it('reports the same issues when called directly', () => {
    const flow = enrolment({ settings: {} }, { onlyMobile: true })
    expect(compileForTrustmatic(flow).issues.map((i) => i.code)).toEqual([
      'TRUSTMATIC_RETURN_URL_REQUIRED',
      'TRUSTMATIC_IFRAME_ONLY',
    ])
    expect(compileForTrustmatic(flow).payload!.request.body.returnUrl).toBe('<returnUrl>')
  })
})
