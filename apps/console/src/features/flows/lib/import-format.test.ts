import { describe, expect, it } from 'vitest'
import { detectImportFormat, formatLabel } from './import-format.ts'

// The repository's own examples: every Identomat body and every Veriflow template.
const identomatExamples = import.meta.glob<unknown>('../../../../../../examples/identomat/*.json', {
  eager: true,
  import: 'default',
})
const veriflowExamples = import.meta.glob<unknown>('../../../../../../examples/flows/*.json', {
  eager: true,
  import: 'default',
})

describe('detectImportFormat', () => {
  it('finds the examples', () => {
    expect(Object.keys(identomatExamples).length).toBeGreaterThanOrEqual(9)
    expect(Object.keys(veriflowExamples).length).toBeGreaterThanOrEqual(5)
  })

  it.each(Object.entries(identomatExamples))('calls %s an Identomat begin body', (_file, body) => {
    expect(detectImportFormat(body).source).toBe('identomat')
  })

  it.each(Object.entries(veriflowExamples))('calls %s a Veriflow flow', (_file, flow) => {
    expect(detectImportFormat(flow).source).toBe('veriflow')
  })

  it('names the fields that decided it', () => {
    const detection = detectImportFormat({ company_key: 'k', flags: {}, steps: [] })
    expect(detection).toEqual({ source: 'identomat', evidence: ['company_key', 'flags'] })
  })

  it('knows a Veriflow document by its step ids alone', () => {
    const detection = detectImportFormat({ name: 'x', steps: [{ id: 's1', type: 'email' }] })
    expect(detection.source).toBe('veriflow')
    expect(detection.evidence).toContain('steps[].id')
  })

  it('knows a legacy Identomat body (flags at the top, steps without ids)', () => {
    expect(detectImportFormat({ liveness: true, steps: [{ type: 'liveness' }] }).source).toBe(
      'identomat',
    )
  })

  it('gives up on what has no telling fields, or is not an object', () => {
    expect(detectImportFormat({ name: 'x' }).source).toBeNull()
    expect(detectImportFormat([1, 2]).source).toBeNull()
    expect(detectImportFormat('flow').source).toBeNull()
    expect(detectImportFormat(null).source).toBeNull()
  })

  it('gives up on a tie rather than guess', () => {
    expect(detectImportFormat({ company_key: 'k', schemaVersion: 1 }).source).toBeNull()
  })

  it('labels formats for people', () => {
    expect(formatLabel('identomat')).toBe('Identomat begin body')
    expect(formatLabel('veriflow')).toBe('Veriflow flow')
  })
})
