import { describe, expect, it } from 'vitest'
import {
  expectClean,
  expectIssue,
  expectIssues,
  expectNoIssue,
  flagStep,
  flow,
  issuesWithCode,
} from '../test-support/flows.ts'

const documentStep = (id: string, countries: unknown) =>
  flagStep(id, 'identity-document', { flags: { document_countries: countries } })
const withLegacy = (countries: unknown) =>
  flow(undefined, {
    targets: { identomat: { enabled: false, legacyFlags: { document_countries: countries } } },
  })

describe('COUNTRY_CODE_UNKNOWN', () => {
  it('accepts real ISO 3166-1 alpha-3 codes on steps and legacy flags', () => {
    expectClean(flow([documentStep('s_doc', ['GEO', 'USA', 'DEU', 'IDN'])]))
    expectClean(withLegacy(['GEO', 'ARM']))
  })

  it('reports each unknown code of a step at its index', () => {
    const doc = flow([
      flagStep('s_0', 'email'),
      documentStep('s_doc', ['GEO', 'XXX', 'DEU', 'UKR', 'EUR']),
    ])
    const found = expectIssues(doc, 'COUNTRY_CODE_UNKNOWN', [
      { path: '/steps/1/flags/document_countries/1', severity: 'error' },
      { path: '/steps/1/flags/document_countries/4', severity: 'error' },
    ])
    expect(found[0]!.message).toContain('"XXX"')
  })

  it('reports a well-formed code that is not assigned to a country', () => {
    expectIssue(
      flow([documentStep('s_doc', ['GEX'])]),
      'COUNTRY_CODE_UNKNOWN',
      '/steps/0/flags/document_countries/0',
    )
  })

  it('reports unknown codes in targets.identomat.legacyFlags', () => {
    expectIssue(
      withLegacy(['GEO', 'ZZZ']),
      'COUNTRY_CODE_UNKNOWN',
      '/targets/identomat/legacyFlags/document_countries/1',
    )
  })

  it('leaves malformed codes to the schema (SCHEMA_PATTERN, not COUNTRY_CODE_UNKNOWN)', () => {
    const doc = flow([documentStep('s_doc', ['geo', 'GE', 5])])
    expectNoIssue(doc, 'COUNTRY_CODE_UNKNOWN')
    expect(issuesWithCode(doc, 'SCHEMA_PATTERN').map((i) => i.path)).toEqual([
      '/steps/0/flags/document_countries/0',
      '/steps/0/flags/document_countries/1',
    ])
  })

  it('ignores a document_countries value that is not a list', () => {
    expectNoIssue(flow([documentStep('s_doc', 'GEO')]), 'COUNTRY_CODE_UNKNOWN')
    expectNoIssue(withLegacy({ GEO: true }), 'COUNTRY_CODE_UNKNOWN')
  })
})
