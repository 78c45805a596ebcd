import { IabTarget, Settings, TrustmaticTarget } from '@veriflow/schema'
import { describe, expect, it } from 'vitest'
import { defaultText, fieldsOf, flagFieldsOf, humanize, stepSummary } from './schema-fields.ts'
import { sampleFlow } from './test-flows.ts'

describe('flagFieldsOf', () => {
  it('describes every identity-document flag with the right control', () => {
    const fields = flagFieldsOf('identity-document')
    expect(fields.map((f) => [f.name, f.control])).toEqual([
      ['disable_document_capture', 'switch'],
      ['allow_document_upload', 'switch'],
      ['document_types', 'choices'],
      ['document_countries', 'countries'],
    ])
    expect(fields[2]!.options).toContain('passport')
    expect(fields[1]).toMatchObject({ label: 'Allow document upload', default: false })
    expect(fields[1]!.help).toMatch(/scanning and uploading/)
  })

  it('has no flags for questionnaires', () => {
    expect(flagFieldsOf('user-questionnaire')).toEqual([])
  })
})

describe('fieldsOf', () => {
  it('derives settings fields with URL, select and integer controls', () => {
    const fields = fieldsOf(Settings, ['qr'])
    const byName = Object.fromEntries(fields.map((f) => [f.name, f]))
    expect(byName.returnUrl!.control).toBe('url')
    expect(byName.switchDeviceUrl!.label).toBe('Switch device URL')
    expect(byName.theme).toMatchObject({ control: 'select', options: ['system', 'light', 'dark'] })
    expect(byName.sessionTtlMinutes).toMatchObject({ control: 'integer', minimum: 1, default: 15 })
    expect(byName.portraitOnly).toMatchObject({ control: 'switch', default: true })
    expect(byName.qr).toBeUndefined()
  })

  it('derives target options; booleans without a default are tri-state', () => {
    const iab = Object.fromEntries(fieldsOf(IabTarget).map((f) => [f.name, f.control]))
    expect(iab).toMatchObject({ product: 'select', flowCode: 'text', successRedirectionUrl: 'url' })
    const trustmatic = Object.fromEntries(
      fieldsOf(TrustmaticTarget).map((f) => [f.name, f.control]),
    )
    expect(trustmatic).toMatchObject({ crossDevice: 'tristate', lang: 'select', enabled: 'switch' })
  })
})

describe('texts', () => {
  it('humanizes names', () => {
    expect(humanize('sessionTtlMinutes')).toBe('Session TTL minutes')
    expect(humanize('config_id')).toBe('Config ID')
  })

  it('describes defaults', () => {
    const [capture, , types] = flagFieldsOf('identity-document')
    expect(defaultText(capture!)).toBe('Default: off')
    expect(defaultText(types!)).toBe('Default: none (no restriction)')
  })

  it('summarises steps for their cards', () => {
    const doc = sampleFlow()
    expect(stepSummary(doc.steps[0]!)).toBe('Defaults')
    expect(stepSummary(doc.steps[1]!)).toBe('3 questions · 2 conditional')
    expect(stepSummary(doc.steps[2]!)).toBe('Active liveness')
    expect(
      stepSummary({
        id: 's',
        type: 'identity-document',
        key: 'd',
        flags: { allow_document_upload: true, document_countries: ['GEO', 'ARM', 'AZE', 'USA'] },
      }),
    ).toBe('Allow document upload · Document countries: GEO, ARM, AZE +1')
  })
})
