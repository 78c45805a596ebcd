import { describe, expect, it } from 'vitest'
import {
  withFlowField,
  withLanguages,
  withQr,
  withSetting,
  withTargetOption,
} from './settings-edits.ts'
import { sampleFlow } from './test-flows.ts'

describe('settings edits', () => {
  it('sets a setting and removes it at its default or when emptied', () => {
    const doc = withSetting(sampleFlow(), 'returnUrl', 'https://example.com')
    expect(doc.settings).toEqual({ returnUrl: 'https://example.com' })
    expect(withSetting(doc, 'returnUrl', '').settings).toBeUndefined()
    expect(withSetting(doc, 'portraitOnly', true, true).settings).toEqual(doc.settings)
    expect(withSetting(doc, 'portraitOnly', false, true).settings).toMatchObject({
      portraitOnly: false,
    })
  })

  it('sets QR allow / force', () => {
    const doc = withQr(withQr(sampleFlow(), 'allow', true), 'force', true)
    expect(doc.settings?.qr).toEqual({ allow: true, force: true })
    expect(withQr(withQr(doc, 'allow', false), 'force', false).settings).toBeUndefined()
  })

  it('enables targets and sets their options', () => {
    let doc = withTargetOption(sampleFlow(), 'iab', 'product', 'FACE_VERIFICATION', 'KYC_LITE')
    expect(doc.targets?.iab).toEqual({ enabled: false, product: 'FACE_VERIFICATION' })
    doc = withTargetOption(doc, 'iab', 'enabled', true)
    expect(doc.targets?.iab).toEqual({ enabled: true, product: 'FACE_VERIFICATION' })
    doc = withTargetOption(doc, 'iab', 'product', 'KYC_LITE', 'KYC_LITE')
    expect(doc.targets?.iab).toEqual({ enabled: true })
    expect(doc.targets?.sandbox).toEqual({ enabled: true })
  })

  it('edits the name, description and languages', () => {
    expect(withFlowField(sampleFlow(), 'name', 'New').name).toBe('New')
    expect('description' in withFlowField(sampleFlow(), 'description', '')).toBe(false)
    expect(withLanguages(sampleFlow(), ['ka', 'en']).languages).toEqual(['ka', 'en'])
  })
})
