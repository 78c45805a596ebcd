import { randomUUID } from 'node:crypto'
import type { Flow } from '@veriflow/schema'
import pino from 'pino'
import { providerAdapters, type ProviderAdapterDeps } from '../../src/providers/index.ts'
import type { LaunchInput, ProviderConfig } from '../../src/providers/provider.types.ts'

/** Identity document, passive liveness and a questionnaire: everything Identomat can express. */
export const IDENTOMAT_FLOW = {
  schemaVersion: 1,
  name: 'Identomat test flow',
  languages: ['en', 'ka'],
  settings: { returnUrl: 'https://integrator.example/done', skipDesktop: true },
  steps: [
    {
      id: 's_doc',
      type: 'identity-document',
      key: 'identity-document',
      flags: { document_types: ['id', 'passport'] },
    },
    { id: 's_face', type: 'liveness', key: 'liveness', flags: { liveness: false } },
    {
      id: 's_q',
      type: 'user-questionnaire',
      key: 'source_of_funds',
      title: 'Source of funds',
      questions: [{ id: 'q_salary', type: 'string', key: 'salary', title: 'Salary?' }],
    },
  ],
  targets: { identomat: { enabled: true, skip_face: true, skip_document: true } },
} as unknown as Flow

/** OneKYC face verification (the one product whose `flow` value is documented). */
export const IAB_FLOW = {
  schemaVersion: 1,
  name: 'OneKYC test flow',
  languages: ['en'],
  settings: {
    returnUrl: 'https://integrator.example/done',
    theme: 'dark',
    qr: { allow: true },
    sessionTtlMinutes: 20,
  },
  steps: [{ id: 's_face', type: 'liveness', key: 'liveness', flags: { liveness: false } }],
  targets: {
    iab: {
      enabled: true,
      product: 'FACE_VERIFICATION',
      launchMode: 'iframe',
      partnerUserIdType: 'PHONE_NUMBER',
    },
  },
} as unknown as Flow

/** Trustmatic in iframe mode with every URL parameter. */
export const TRUSTMATIC_FLOW = {
  schemaVersion: 1,
  name: 'Trustmatic test flow',
  languages: ['en'],
  settings: { returnUrl: 'https://integrator.example/done' },
  steps: [
    { id: 's_doc', type: 'identity-document', key: 'identity-document' },
    { id: 's_face', type: 'liveness', key: 'liveness' },
  ],
  targets: {
    trustmatic: {
      enabled: true,
      integrationMode: 'iframe',
      lang: 'en-US',
      crossDevice: false,
      onlyMobile: true,
      skipIntegrityCheck: true,
    },
  },
} as unknown as Flow

/** A launch of `flow` with a fresh session id. */
export function launchInput(
  flow: Flow,
  config: ProviderConfig,
  extra: Partial<LaunchInput> = {},
): LaunchInput {
  return {
    sessionId: randomUUID(),
    flow,
    externalUserId: 'user-42',
    userDetails: {},
    language: undefined,
    returnUrl: 'https://veriflow.example/return/abc',
    integratorReturnUrl: undefined,
    config,
    ...extra,
  }
}

/** Timeout of the adapters that tests trip on purpose (fakes' slow replies take 2 s). */
export const SHORT_TIMEOUT_MS = 200

/** Adapters with fast retries, logging nowhere unless told. */
export function testAdapters(deps: Partial<ProviderAdapterDeps> = {}) {
  return providerAdapters({
    logger: pino({ level: 'silent' }),
    timeoutMs: 1500,
    retries: 2,
    backoffMs: 5,
    ...deps,
  })
}
