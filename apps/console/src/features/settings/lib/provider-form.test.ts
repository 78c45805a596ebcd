import { describe, expect, it } from 'vitest'
import type { ProviderSettings } from '../providers.api.ts'
import {
  providerFieldPointers,
  providerForm,
  providerFormProblems,
  providerPatch,
} from './provider-form.ts'

function iab(extra: Partial<ProviderSettings> = {}): ProviderSettings {
  return {
    provider: 'iab',
    label: 'GoPay OneKYC (IAB)',
    baseUrl: 'https://onekyc.ky.id.sandbox.gopayapi.com',
    defaultBaseUrl: 'https://onekyc.ky.id.sandbox.gopayapi.com',
    baseUrlIsDefault: true,
    options: { callbackAllowedIps: ['203.0.113.0/24'] },
    effectiveOptions: { tokenMethod: 'GET', callbackAllowedIps: ['203.0.113.0/24'] },
    credentials: { client_id: { set: true }, pass_key: { set: false } },
    credentialFields: [
      { name: 'client_id', required: true, description: 'client-id' },
      { name: 'pass_key', required: true, description: 'pass-key' },
    ],
    ready: false,
    missing: ['credentials.pass_key'],
    notes: [],
    updatedAt: null,
    updatedBy: null,
    ...extra,
  }
}

describe('provider form', () => {
  it('starts from the configured values and never from a credential', () => {
    const form = providerForm(iab())
    expect(form.baseUrl).toBe('')
    expect(form.options).toEqual({
      tokenUrl: '',
      tokenMethod: '',
      initiateFlowPath: '',
      callbackAllowedIps: '203.0.113.0/24',
    })
    expect(form.credentials).toEqual({
      client_id: { value: '', clear: false },
      pass_key: { value: '', clear: false },
    })
    const custom = providerForm(iab({ baseUrl: 'https://proxy.example', baseUrlIsDefault: false }))
    expect(custom.baseUrl).toBe('https://proxy.example')
  })

  it('asks for nothing while nothing changed', () => {
    const settings = iab({ baseUrl: 'https://proxy.example', baseUrlIsDefault: false })
    const form = providerForm(settings)
    form.baseUrl = 'https://proxy.example/'
    expect(providerPatch(settings, form)).toBeNull()
  })

  it('sends only the changes: new values, defaults back as null, credentials set or cleared', () => {
    const settings = iab({ baseUrl: 'https://proxy.example', baseUrlIsDefault: false })
    const form = providerForm(settings)
    form.baseUrl = '  '
    form.options.tokenUrl = ' https://token.example/t '
    form.options.callbackAllowedIps = '10.0.0.1\n\n 10.0.0.2 '
    form.credentials.pass_key = { value: ' new-pass ', clear: false }
    form.credentials.client_id = { value: '', clear: true }
    expect(providerPatch(settings, form)).toEqual({
      baseUrl: null,
      options: {
        tokenUrl: 'https://token.example/t',
        callbackAllowedIps: ['10.0.0.1', '10.0.0.2'],
      },
      credentials: { pass_key: 'new-pass', client_id: null },
    })
  })

  it('removes an emptied option and ignores clearing a credential that is not set', () => {
    const settings = iab()
    const form = providerForm(settings)
    form.options.callbackAllowedIps = ''
    form.credentials.pass_key = { value: '', clear: true }
    expect(providerPatch(settings, form)).toEqual({ options: { callbackAllowedIps: null } })
  })

  it('catches URLs that are not absolute http(s) before asking the API', () => {
    const form = providerForm(iab())
    form.baseUrl = 'onekyc.example'
    form.options.tokenUrl = 'ftp://token.example'
    expect(providerFormProblems(iab(), form)).toEqual({
      '/baseUrl': 'The base URL is not an absolute URL.',
      '/options/tokenUrl': 'Partner-token URL uses "ftp:"; only http and https are allowed.',
    })
    form.baseUrl = 'http://localhost:9/'
    form.options.tokenUrl = ''
    expect(providerFormProblems(iab(), form)).toEqual({})
  })

  it('names every field an API issue may point at', () => {
    expect(providerFieldPointers(iab())).toEqual([
      '/baseUrl',
      '/options/tokenUrl',
      '/options/tokenMethod',
      '/options/initiateFlowPath',
      '/options/callbackAllowedIps',
      '/credentials/client_id',
      '/credentials/pass_key',
    ])
  })
})
