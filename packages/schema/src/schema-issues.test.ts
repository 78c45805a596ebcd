import type { ErrorObject } from 'ajv'
import { describe, expect, it } from 'vitest'
import { validateFlowSchema } from './flow-schema-validator.ts'
import type { Issue } from './issue.ts'
import { pointerResolves } from './json-pointer.ts'
import { schemaIssues } from './schema-issues.ts'
import { STEP_TYPES } from './step-catalogue.ts'
import { flagStep, flow, questionnaire, text } from './test-support/flows.ts'

/** The schema issues of `doc`, after checking that every path resolves in it. */
function issuesOf(doc: unknown): Issue[] {
  const issues = validateFlowSchema(doc) ? [] : schemaIssues(validateFlowSchema.errors)
  for (const issue of issues) {
    expect(pointerResolves(doc, issue.path), `${issue.path} resolves`).toBe(true)
    expect(issue.severity).toBe('error')
  }
  return issues
}

const brief = (issues: Issue[]) => issues.map(({ path, code }) => ({ path, code }))

describe('schemaIssues', () => {
  it('returns nothing for a valid document or no errors', () => {
    expect(issuesOf(flow())).toEqual([])
    expect(schemaIssues(null)).toEqual([])
    expect(schemaIssues(undefined)).toEqual([])
    expect(schemaIssues([])).toEqual([])
  })

  it('reports identical errors once', () => {
    const error: ErrorObject = {
      keyword: 'minLength',
      instancePath: '/name',
      schemaPath: '#/properties/name/minLength',
      params: { limit: 1 },
      message: 'must NOT have fewer than 1 characters',
    }
    expect(schemaIssues([error, { ...error }])).toEqual([
      {
        path: '/name',
        code: 'SCHEMA_MIN_LENGTH',
        message: 'must NOT have fewer than 1 characters',
        severity: 'error',
      },
    ])
  })
})

describe('SCHEMA_REQUIRED', () => {
  it('reports each missing top-level property once, at the object, with its own message', () => {
    const issues = issuesOf({})
    expect(brief(issues)).toEqual([
      { path: '', code: 'SCHEMA_REQUIRED' },
      { path: '', code: 'SCHEMA_REQUIRED' },
      { path: '', code: 'SCHEMA_REQUIRED' },
      { path: '', code: 'SCHEMA_REQUIRED' },
    ])
    expect(issues.map((i) => i.message)).toEqual([
      'missing required property "schemaVersion"',
      'missing required property "name"',
      'missing required property "languages"',
      'missing required property "steps"',
    ])
  })

  it('reports missing properties of a step against the branch it claims to be', () => {
    const issues = issuesOf(flow([flagStep('s_ok', 'email'), { type: 'liveness' }]))
    expect(brief(issues)).toEqual([
      { path: '/steps/1', code: 'SCHEMA_REQUIRED' },
      { path: '/steps/1', code: 'SCHEMA_REQUIRED' },
    ])
    expect(issues.map((i) => i.message)).toEqual([
      'missing required property "id"',
      'missing required property "key"',
    ])
  })

  it('reports a step without a type once', () => {
    const issues = issuesOf(flow([{ id: 's_1', key: 'k' }]))
    expect(brief(issues)).toEqual([{ path: '/steps/0', code: 'SCHEMA_REQUIRED' }])
    expect(issues[0]!.message).toContain('"type"')
  })

  it('reports a step whose type is not a string once, at the type', () => {
    expect(brief(issuesOf(flow([{ id: 's_1', type: 5, key: 'k' }])))).toEqual([
      { path: '/steps/0/type', code: 'SCHEMA_TYPE' },
    ])
  })

  it('reports a question without key at the question', () => {
    const issues = issuesOf(flow([questionnaire('s_q', [{ id: 'q_1', type: 'string' }])]))
    expect(issues).toEqual([
      {
        path: '/steps/0/questions/0',
        code: 'SCHEMA_REQUIRED',
        message: 'missing required property "key"',
        severity: 'error',
      },
    ])
  })
})

describe('SCHEMA_UNKNOWN_PROPERTY', () => {
  it('points at the unknown property itself', () => {
    const issues = issuesOf(flow(undefined, { colour: 'red' }))
    expect(issues).toEqual([
      {
        path: '/colour',
        code: 'SCHEMA_UNKNOWN_PROPERTY',
        message: 'unknown property "colour"',
        severity: 'error',
      },
    ])
  })

  it('points into nested objects: steps, flags, questions, settings, targets', () => {
    const doc = flow(
      [
        flagStep('s_1', 'email', { flags: { require_email: true, require_sms: true } }),
        questionnaire('s_q', [text('q_1', { hint: 'x' } as never)], { extra: 1 }),
      ],
      {
        settings: { qr: { allow: true, always: true } },
        targets: { identomat: { enabled: true, company_key: 'k' } },
      },
    )
    expect(brief(issuesOf(doc))).toEqual(
      expect.arrayContaining([
        { path: '/steps/0/flags/require_sms', code: 'SCHEMA_UNKNOWN_PROPERTY' },
        { path: '/steps/1/extra', code: 'SCHEMA_UNKNOWN_PROPERTY' },
        { path: '/steps/1/questions/0/hint', code: 'SCHEMA_UNKNOWN_PROPERTY' },
        { path: '/settings/qr/always', code: 'SCHEMA_UNKNOWN_PROPERTY' },
        { path: '/targets/identomat/company_key', code: 'SCHEMA_UNKNOWN_PROPERTY' },
      ]),
    )
    expect(issuesOf(doc)).toHaveLength(5)
  })

  it('escapes property names in the pointer', () => {
    const doc = flow(undefined, { 'a/b~c': 1 })
    expect(brief(issuesOf(doc))).toEqual([{ path: '/a~1b~0c', code: 'SCHEMA_UNKNOWN_PROPERTY' }])
  })

  it('reports a flag that belongs to another step type', () => {
    const doc = flow([flagStep('s_1', 'liveness', { flags: { allow_document_upload: true } })])
    expect(brief(issuesOf(doc))).toEqual([
      { path: '/steps/0/flags/allow_document_upload', code: 'SCHEMA_UNKNOWN_PROPERTY' },
    ])
  })
})

describe('SCHEMA_ENUM', () => {
  it('reports an unknown step type at /steps/N/type, listing the nine types, without branch noise', () => {
    const issues = issuesOf(
      flow([flagStep('s_1', 'email'), { id: 's_2', type: 'selfie', key: 'k', flags: { x: 1 } }]),
    )
    expect(brief(issues)).toEqual([{ path: '/steps/1/type', code: 'SCHEMA_ENUM' }])
    for (const type of STEP_TYPES) expect(issues[0]!.message).toContain(type)
  })

  it('lists the allowed values of enums', () => {
    const issues = issuesOf(flow(undefined, { settings: { theme: 'blue' } }))
    expect(issues).toEqual([
      {
        path: '/settings/theme',
        code: 'SCHEMA_ENUM',
        message: 'must be one of: system, light, dark',
        severity: 'error',
      },
    ])
  })

  it('reports question types, condition operators and target options', () => {
    const doc = flow(
      [
        questionnaire('s_q', [
          text('q_1'),
          { id: 'q_2', type: 'number', key: 'q_2' },
          text('q_3', {
            showWhen: { all: [{ question: 'q_1', op: 'contains' as never, value: 'x' }] },
          }),
        ]),
      ],
      { targets: { iab: { enabled: true, launchMode: 'popup' } } },
    )
    expect(brief(issuesOf(doc))).toEqual([
      { path: '/steps/0/questions/1/type', code: 'SCHEMA_ENUM' },
      { path: '/steps/0/questions/2/showWhen/all/0/op', code: 'SCHEMA_ENUM' },
      { path: '/targets/iab/launchMode', code: 'SCHEMA_ENUM' },
    ])
  })
})

describe('anyOf folding', () => {
  it('reports a LocalizedText of the wrong type as one SCHEMA_TYPE issue', () => {
    const issues = issuesOf(flow([flagStep('s_1', 'email', { title: 5 })]))
    expect(issues).toEqual([
      {
        path: '/steps/0/title',
        code: 'SCHEMA_TYPE',
        message: 'must be a string or an object',
        severity: 'error',
      },
    ])
  })

  it('folds a value that fits no branch into one issue at the value', () => {
    for (const title of [['x'], null]) {
      const issues = issuesOf(
        flow([questionnaire('s_q', [text('q_1', { title: title as never })])]),
      )
      expect(brief(issues), JSON.stringify(title)).toEqual([
        { path: '/steps/0/questions/0/title', code: 'SCHEMA_TYPE' },
      ])
    }
  })

  it('reports inside the one branch whose type matched, at the precise path', () => {
    const wrongValue = issuesOf(
      flow([questionnaire('s_q', [text('q_1', { title: { en: 5 } as never })])]),
    )
    expect(brief(wrongValue)).toEqual([
      { path: '/steps/0/questions/0/title/en', code: 'SCHEMA_TYPE' },
    ])
    const empty = issuesOf(flow([questionnaire('s_q', [text('q_1', { title: {} as never })])]))
    expect(brief(empty)).toContainEqual({
      path: '/steps/0/questions/0/title',
      code: 'SCHEMA_MIN_PROPERTIES',
    })
    expect(brief(empty).filter((i) => i.code === 'SCHEMA_TYPE')).toEqual([])
  })

  it('reports only the type when a value of the wrong type also fails const', () => {
    const issues = issuesOf({ ...flow([flagStep('s_1', 'email')]), schemaVersion: '1' })
    expect(brief(issues)).toEqual([{ path: '/schemaVersion', code: 'SCHEMA_TYPE' }])
  })

  it('folds a preset answer of the wrong shape', () => {
    const issues = issuesOf(flow([questionnaire('s_q', [text('q_1', { answer: 5 as never })])]))
    expect(issues).toEqual([
      {
        path: '/steps/0/questions/0/answer',
        code: 'SCHEMA_TYPE',
        message: 'must be a string or a list',
        severity: 'error',
      },
    ])
  })
})

describe('SCHEMA_PATTERN', () => {
  it('reports ids, language tags and country codes that do not match', () => {
    const doc = flow(
      [flagStep('bad id', 'identity-document', { flags: { document_countries: ['GEO', 'geo'] } })],
      {
        languages: ['en', 'EN'],
      },
    )
    expect(brief(issuesOf(doc))).toEqual([
      { path: '/languages/1', code: 'SCHEMA_PATTERN' },
      { path: '/steps/0/id', code: 'SCHEMA_PATTERN' },
      { path: '/steps/0/flags/document_countries/1', code: 'SCHEMA_PATTERN' },
    ])
  })
})

describe('SCHEMA_CONST', () => {
  it('reports an unknown schemaVersion', () => {
    const issues = issuesOf(flow(undefined, { schemaVersion: 2 }))
    expect(issues).toEqual([
      { path: '/schemaVersion', code: 'SCHEMA_CONST', message: 'must be 1', severity: 'error' },
    ])
  })
})

describe('other keywords', () => {
  it('map to SCHEMA_<KEYWORD> at the failing value', () => {
    const doc = flow([], {
      name: '',
      languages: ['en', 'en'],
      settings: { sessionTtlMinutes: 0, skipDesktop: 'yes' },
    })
    expect(brief(issuesOf(doc))).toEqual([
      { path: '/name', code: 'SCHEMA_MIN_LENGTH' },
      { path: '/languages', code: 'SCHEMA_UNIQUE_ITEMS' },
      { path: '/settings/skipDesktop', code: 'SCHEMA_TYPE' },
      { path: '/settings/sessionTtlMinutes', code: 'SCHEMA_MINIMUM' },
    ])
  })

  it('reports an empty condition and one with both groups', () => {
    const doc = flow([
      questionnaire('s_q', [
        text('q_1'),
        text('q_2', { showWhen: {} }),
        text('q_3', {
          showWhen: {
            all: [{ question: 'q_1', op: 'answered' }],
            any: [{ question: 'q_1', op: 'answered' }],
          },
        }),
      ]),
    ])
    expect(brief(issuesOf(doc))).toEqual([
      { path: '/steps/0/questions/1/showWhen', code: 'SCHEMA_MIN_PROPERTIES' },
      { path: '/steps/0/questions/2/showWhen', code: 'SCHEMA_MAX_PROPERTIES' },
    ])
  })
})
