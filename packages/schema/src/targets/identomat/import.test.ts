import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Id } from '../../common.schema.ts'
import type { Issue } from '../../issue.ts'
import { pointerResolves } from '../../json-pointer.ts'
import type { QuestionnaireStep } from '../../step.schema.ts'
import { validateFlow } from '../../validate.ts'
import { compile } from '../compile.ts'
import { importFromIdentomat, type ImportResult } from './import.ts'

const EXAMPLES = fileURLToPath(new URL('../../../../../examples/identomat/', import.meta.url))
const exampleFiles = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.json'))
  .sort()
const ID_PATTERN = new RegExp(Id.pattern!)

function readExample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(EXAMPLES + name, 'utf8')) as Record<string, unknown>
}

/** Imports and checks the invariant of every import: each issue path resolves in the input. */
function importChecked(input: unknown): ImportResult {
  const result = importFromIdentomat(input)
  for (const issue of result.issues)
    expect(
      pointerResolves(input, issue.path),
      `${issue.path} (${issue.code}) resolves in the input`,
    ).toBe(true)
  return result
}

const brief = (issues: readonly Issue[]) => issues.map((i) => [i.path, i.code, i.severity])
const errorsOf = (issues: readonly Issue[]) => brief(issues.filter((i) => i.severity === 'error'))
/** A step with no validation warnings of its own, so that a test sees only what it provokes. */
const EMAIL = { type: 'email', key: 'require_email' }

/** Every id in a flow document, with where it sits. */
function idsOf(flow: unknown): string[] {
  const ids: string[] = []
  for (const step of (flow as { steps: Array<Record<string, unknown>> }).steps) {
    ids.push(step.id as string)
    for (const question of (step.questions as Array<Record<string, unknown>> | undefined) ?? []) {
      ids.push(question.id as string)
      for (const option of (question.options as Array<Record<string, unknown>> | undefined) ?? [])
        ids.push(option.id as string)
    }
  }
  return ids
}

function form(questions: unknown[], extra: Record<string, unknown> = {}) {
  return {
    flags: { language: 'en' },
    steps: [{ type: 'user-questionnaire', key: 'form', ...extra, questions }],
  }
}

const employment = {
  type: 'options',
  key: 'employment',
  options: [{ key: 'employed' }, { key: 'other' }],
}

describe('importFromIdentomat: the guide examples', () => {
  it('finds the examples', () => {
    expect(exampleFiles.length).toBeGreaterThanOrEqual(10)
  })

  it.each(exampleFiles)('%s: import then export reproduces flags and steps exactly', (name) => {
    const input = readExample(name)
    const imported = importChecked(input)
    expect(imported.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(imported.valid).toBe(true)
    const exported = compile(imported.flow, 'identomat')
    expect(exported.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(exported.payload!.company_key).toBe('<company_key>')
    expect(exported.payload!.flags).toEqual(input.flags)
    expect(exported.payload!.steps).toEqual(input.steps)
  })

  it.each(exampleFiles)('%s: generated ids are unique and match the id pattern', (name) => {
    const { flow } = importChecked(readExample(name))
    const ids = idsOf(flow)
    expect(ids.length).toBeGreaterThan(0)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(ID_PATTERN)
  })

  it('turns option keys into option ids in conditions and preset answers', () => {
    const { flow } = importChecked(readExample('08-user-questionnaire.json'))
    const questions = (flow!.steps[0] as QuestionnaireStep).questions
    const [employmentQ, employer, income] = questions
    expect(employer!.showWhen).toEqual({
      all: [{ question: employmentQ!.id, op: 'equals', value: employmentQ!.options![0]!.id }],
    })
    expect(income!.answer).toEqual([income!.options![0]!.id])
    expect(income!.answer).not.toEqual(['salary'])
  })

  it('keeps the video-call options on the step when the payload has them there', () => {
    const { flow } = importChecked(readExample('05-video-call.json'))
    expect(flow!.steps[1]).toEqual({
      id: 's2',
      type: 'video-call',
      key: 'video-call',
      flags: { resetSteps: true, hideCameraOption: true, nameRequired: false },
    })
    expect(flow!.targets!.identomat!.videoCallOptionsPlacement).toBeUndefined()
  })

  it('remembers video-call options sent in flags', () => {
    const input = {
      flags: { language: 'en' },
      steps: [{ type: 'video-call', key: 'call', flags: { nameRequired: true } }],
    }
    const { flow } = importChecked(input)
    expect(flow!.targets!.identomat!.videoCallOptionsPlacement).toBe('flags')
    expect(compile(flow, 'identomat').payload!.steps).toEqual(input.steps)
  })

  it('reproduces an empty flags object on a video-call step', () => {
    const input = {
      flags: { language: 'en' },
      steps: [{ type: 'video-call', key: 'call', flags: {} }],
    }
    const { flow } = importChecked(input)
    expect(flow!.targets!.identomat!.videoCallOptionsPlacement).toBe('flags')
    expect(compile(flow, 'identomat').payload!.steps).toEqual(input.steps)
  })

  it('keeps the options on the step when the step also has an empty flags object', () => {
    const input = {
      flags: { language: 'en' },
      steps: [{ type: 'video-call', key: 'call', flags: {}, nameRequired: true }],
    }
    const { flow } = importChecked(input)
    expect(flow!.steps[0]).toMatchObject({ flags: { nameRequired: true } })
    expect(flow!.targets!.identomat!.videoCallOptionsPlacement).toBeUndefined()
  })

  it('does not import company_key, and warns when it holds a real value', () => {
    const input = { ...readExample('01-identity-document.json'), company_key: 'live-secret-123' }
    const result = importChecked(input)
    expect(brief(result.issues)).toEqual([['/company_key', 'IMPORT_SECRET_IGNORED', 'warning']])
    expect(JSON.stringify(result.flow)).not.toContain('live-secret-123')
    expect(compile(result.flow, 'identomat').payload!.company_key).toBe('<company_key>')
  })

  it('imports config_id', () => {
    const result = importChecked({ config_id: 'cfg-1', flags: { language: 'en' }, steps: [] })
    expect(result.flow!.targets!.identomat!.config_id).toBe('cfg-1')
    expect(compile(result.flow, 'identomat').payload!.config_id).toBe('cfg-1')
  })

  it('names the flow from the options', () => {
    expect(importChecked({ steps: [] }).flow!.name).toBe('Imported from Identomat')
    expect(importFromIdentomat({ steps: [] }, { name: 'Seller KYC' }).flow!.name).toBe('Seller KYC')
  })
})

describe('importFromIdentomat: languages', () => {
  it('takes flags.language first, then translation keys in the order they are met', () => {
    expect(importChecked(readExample('all-flags.json')).flow!.languages).toEqual(['ka', 'en'])
    expect(importChecked(readExample('08-user-questionnaire.json')).flow!.languages).toEqual([
      'en',
      'ka',
    ])
  })

  it('collects translation keys from step, question and option texts', () => {
    const input = form(
      [
        {
          type: 'options',
          key: 'a',
          title: { en: 'A', de: 'A' },
          options: [{ key: 'x', title: { en: 'X', de: 'X', fr: 'X' } }],
        },
      ],
      {
        title: { en: 'Form', ka: 'ფორმა', de: 'Formular', fr: 'Form' },
        description: { en: 'D', ka: 'D', de: 'D', fr: 'D' },
      },
    )
    const result = importChecked(input)
    expect(result.flow!.languages).toEqual(['en', 'ka', 'de', 'fr'])
    expect(result.valid).toBe(true)
  })

  it('without flags.language, uses the translation keys and does not send a language', () => {
    const input = {
      flags: {},
      steps: [{ type: 'liveness', key: 'liveness', title: { ka: 'სელფი', en: 'Selfie' } }],
    }
    const result = importChecked(input)
    expect(result.flow!.languages).toEqual(['ka', 'en'])
    expect(result.flow!.targets!.identomat!.sendLanguage).toBe(false)
    expect(compile(result.flow, 'identomat').payload!.flags).toEqual({})
  })

  it('without any flags, does not send a language either', () => {
    const input = {
      steps: [{ type: 'liveness', key: 'liveness', title: { ka: 'სელფი', en: 'Selfie' } }],
    }
    const result = importChecked(input)
    expect(result.flow!.targets!.identomat!.sendLanguage).toBe(false)
    expect(compile(result.flow, 'identomat').payload!.flags).toEqual({})
  })

  it('falls back to "en" when nothing names a language', () => {
    expect(importChecked({ flags: {}, steps: [] }).flow!.languages).toEqual(['en'])
  })

  it.each(['English', 'EN', ''])(
    'reports the invalid language %j at /flags/language',
    (language) => {
      const result = importChecked({ flags: { language }, steps: [EMAIL] })
      expect(result.valid).toBe(false)
      expect(brief(result.issues)).toEqual([['/flags/language', 'SCHEMA_PATTERN', 'error']])
    },
  )

  it('reports a language that is not a string at /flags/language', () => {
    expect(brief(importChecked({ flags: { language: 7 }, steps: [EMAIL] }).issues)).toEqual([
      ['/flags/language', 'SCHEMA_TYPE', 'error'],
    ])
  })

  it('reports an invalid translation key at the text it came from', () => {
    const input = {
      flags: { language: 'en' },
      steps: [{ type: 'email', key: 'e', title: { en: 'Mail', 'Not A Tag': 'x' } }],
    }
    const result = importChecked(input)
    expect(brief(result.issues)).toEqual([['/steps/0/title/Not A Tag', 'SCHEMA_PATTERN', 'error']])
  })
})

describe('importFromIdentomat: problems are reported at paths into the input', () => {
  it('reports an unknown questionKey in showConditions', () => {
    const result = importChecked(
      form([
        employment,
        {
          type: 'string',
          key: 'employer',
          showConditions: { questionKey: 'job', answer: 'employed' },
        },
      ]),
    )
    expect(result.valid).toBe(false)
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/1/showConditions/questionKey', 'CONDITION_UNKNOWN_QUESTION', 'error'],
    ])
  })

  it('reports a showConditions that refers to a later question', () => {
    const result = importChecked(
      form([
        {
          type: 'string',
          key: 'employer',
          showConditions: { questionKey: 'employment', answer: 'employed' },
        },
        employment,
      ]),
    )
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/0/showConditions/questionKey', 'CONDITION_FORWARD_REFERENCE', 'error'],
    ])
  })

  it('reports a showConditions answer that is not an option key of the referenced question', () => {
    const result = importChecked(
      form([
        employment,
        {
          type: 'string',
          key: 'employer',
          showConditions: { questionKey: 'employment', answer: 'retired' },
        },
      ]),
    )
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/1/showConditions/answer', 'CONDITION_UNKNOWN_OPTION', 'error'],
    ])
  })

  it('reports a showConditions answer that is not text', () => {
    const result = importChecked(
      form([
        employment,
        {
          type: 'string',
          key: 'employer',
          showConditions: { questionKey: 'employment', answer: 3 },
        },
      ]),
    )
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/1/showConditions/answer', 'SCHEMA_TYPE', 'error'],
      ['/steps/0/questions/1/showConditions/answer', 'CONDITION_VALUE_INVALID', 'error'],
    ])
  })

  it('reports a showConditions answer that is a list', () => {
    const result = importChecked(
      form([
        employment,
        {
          type: 'string',
          key: 'employer',
          showConditions: { questionKey: 'employment', answer: ['employed'] },
        },
      ]),
    )
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/1/showConditions/answer', 'CONDITION_VALUE_INVALID', 'error'],
    ])
  })

  it.each([
    ['a string', 'employment'],
    ['without answer', { questionKey: 'employment' }],
    ['without questionKey', { answer: 'employed' }],
  ])('reports a malformed showConditions (%s)', (_name, showConditions) => {
    const result = importChecked(
      form([employment, { type: 'string', key: 'employer', showConditions }]),
    )
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/1/showConditions', 'IMPORT_INVALID', 'error'],
    ])
  })

  it('reports a preset answer that is not an option key', () => {
    const result = importChecked(form([{ ...employment, answer: 'retired' }]))
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/0/answer', 'ANSWER_NOT_AN_OPTION', 'error'],
    ])
  })

  it('reports each preset multiple-choice answer that is not an option key', () => {
    const result = importChecked(
      form([
        {
          type: 'multiple-choice',
          key: 'm',
          options: [{ key: 'a' }, { key: 'b' }],
          answer: ['a', 'c', 'b', 'd'],
        },
      ]),
    )
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/0/answer/1', 'ANSWER_NOT_AN_OPTION', 'error'],
      ['/steps/0/questions/0/answer/3', 'ANSWER_NOT_AN_OPTION', 'error'],
    ])
  })

  it('reports a preset answer of the wrong shape', () => {
    const result = importChecked(
      form([{ type: 'multiple-choice', key: 'm', options: [{ key: 'a' }], answer: 'a' }]),
    )
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/0/answer', 'ANSWER_TYPE_MISMATCH', 'error'],
    ])
  })

  it('reports a duplicate step key at the second step', () => {
    const result = importChecked({
      flags: { language: 'en' },
      steps: [
        { type: 'email', key: 'contact' },
        { type: 'phone-number', key: 'phone' },
        { type: 'phone-number', key: 'contact' },
      ],
    })
    expect(brief(result.issues)).toEqual([['/steps/2/key', 'STEP_KEY_DUPLICATE', 'error']])
  })

  it('reports duplicate question and option keys', () => {
    const result = importChecked(
      form([employment, { type: 'options', key: 'employment', options: [{ key: 'other' }] }]),
    )
    expect(brief(result.issues)).toEqual([
      ['/steps/0/questions/1/key', 'QUESTION_KEY_DUPLICATE', 'error'],
      ['/steps/0/questions/1/options/0/key', 'OPTION_KEY_DUPLICATE', 'error'],
    ])
  })

  it.each([
    ['identity-document', 'allow_document_upload', 'yes'],
    ['identity-document', 'document_countries', 'GEO'],
    ['liveness', 'liveness', 1],
    ['general-document', 'general_document_types', [3]],
    ['email', 'require_email', null],
  ])('reports a %s flag %s of the wrong type at /steps/0/flags/<flag>', (type, flag, value) => {
    const result = importChecked({
      flags: { language: 'en' },
      steps: [{ type, key: 'k', flags: { [flag]: value } }],
    })
    expect(result.valid).toBe(false)
    const paths = result.issues.filter((i) => i.severity === 'error').map((i) => i.path)
    expect(paths.length).toBeGreaterThan(0)
    expect(paths.every((p) => p.startsWith(`/steps/0/flags/${flag}`))).toBe(true)
    expect(paths).toContain(
      flag === 'general_document_types' ? `/steps/0/flags/${flag}/0` : `/steps/0/flags/${flag}`,
    )
  })

  it('reports a video-call option of the wrong type on the step itself', () => {
    const result = importChecked({
      flags: { language: 'en' },
      steps: [{ type: 'video-call', key: 'call', resetSteps: 'yes' }],
    })
    expect(brief(result.issues)).toEqual([['/steps/0/resetSteps', 'SCHEMA_TYPE', 'error']])
  })

  it('reports video-call flags that are not an object', () => {
    const result = importChecked({
      flags: { language: 'en' },
      steps: [{ type: 'video-call', key: 'call', flags: 'none' }],
    })
    expect(brief(result.issues)).toEqual([['/steps/0/flags', 'SCHEMA_TYPE', 'error']])
  })

  it('reports an unknown step type at /steps/N/type', () => {
    const result = importChecked({
      flags: { language: 'en' },
      steps: [
        { type: 'email', key: 'e' },
        { type: 'selfie', key: 's' },
      ],
    })
    expect(brief(result.issues)).toEqual([['/steps/1/type', 'SCHEMA_ENUM', 'error']])
  })

  it('reports a step without a key at the step', () => {
    const result = importChecked({ flags: { language: 'en' }, steps: [{ type: 'email' }] })
    expect(brief(result.issues)).toEqual([['/steps/0', 'SCHEMA_REQUIRED', 'error']])
  })

  it('reports steps that are not objects at their index', () => {
    const result = importChecked({ flags: { language: 'en' }, steps: ['email'] })
    expect(brief(result.issues)).toEqual([['/steps/0', 'SCHEMA_TYPE', 'error']])
  })

  it.each([
    ['return_url', 'not a url', 'URL_INVALID'],
    ['skip_desktop', 'yes', 'SCHEMA_TYPE'],
    ['skip_face', 1, 'SCHEMA_TYPE'],
    ['document_countries', 'GEO', 'SCHEMA_TYPE'],
  ])('reports the session flag %s = %j at /flags/<flag>', (flag, value, code) => {
    const result = importChecked({ flags: { language: 'en', [flag]: value }, steps: [EMAIL] })
    expect(brief(result.issues)).toEqual([[`/flags/${flag}`, code, 'error']])
  })

  it('reports an unknown legacy country code at its index in flags', () => {
    const result = importChecked({
      flags: { language: 'en', document_countries: ['GEO', 'XXX'] },
      steps: [EMAIL],
    })
    expect(brief(result.issues)).toEqual([
      ['/flags/document_countries/1', 'COUNTRY_CODE_UNKNOWN', 'error'],
    ])
  })

  it('reports an invalid config_id at /config_id', () => {
    expect(brief(importChecked({ config_id: '', steps: [EMAIL] }).issues)).toEqual([
      ['/config_id', 'SCHEMA_MIN_LENGTH', 'error'],
    ])
  })

  it('warns about unknown session flags and fields, and ignores them', () => {
    const input = {
      flags: { language: 'en', theme: 'dark' },
      steps: [
        { type: 'email', key: 'e', flags: {}, note: 'x' },
        {
          type: 'user-questionnaire',
          key: 'f',
          questions: [{ type: 'options', key: 'q', hint: 'h', options: [{ key: 'a', value: 1 }] }],
        },
        { type: 'operator-questionnaire', key: 'o', successButtonTitle: 'Done', questions: [] },
      ],
      webhook: 'https://example.com/hook',
    }
    const result = importChecked(input)
    expect(result.valid).toBe(true)
    expect(brief(result.issues.filter((i) => i.code === 'IMPORT_UNKNOWN_FIELD'))).toEqual([
      ['/webhook', 'IMPORT_UNKNOWN_FIELD', 'warning'],
      ['/flags/theme', 'IMPORT_UNKNOWN_FIELD', 'warning'],
      ['/steps/0/note', 'IMPORT_UNKNOWN_FIELD', 'warning'],
      ['/steps/1/questions/0/hint', 'IMPORT_UNKNOWN_FIELD', 'warning'],
      ['/steps/1/questions/0/options/0/value', 'IMPORT_UNKNOWN_FIELD', 'warning'],
      ['/steps/2/successButtonTitle', 'IMPORT_UNKNOWN_FIELD', 'warning'],
    ])
    const flowText = JSON.stringify(result.flow)
    for (const ignored of ['webhook', 'theme', 'note', 'hint', '"value"', 'Done'])
      expect(flowText).not.toContain(ignored)
  })

  it('describes a step whose type is not text without failing', () => {
    const input = JSON.parse(
      '{"steps": [{"type": {"toString": null}, "key": "k", "note": 1}]}',
    ) as unknown
    const result = importChecked(input)
    expect(brief(result.issues)).toContainEqual([
      '/steps/0/note',
      'IMPORT_UNKNOWN_FIELD',
      'warning',
    ])
    expect(result.valid).toBe(false)
  })

  it('escapes unknown field names in paths', () => {
    const result = importChecked({
      'a/b': 1,
      flags: { 'x~y': true },
      steps: [{ ...EMAIL, 'c/d': 2 }],
    })
    expect(brief(result.issues)).toEqual([
      ['/a~1b', 'IMPORT_UNKNOWN_FIELD', 'warning'],
      ['/flags/x~0y', 'IMPORT_UNKNOWN_FIELD', 'warning'],
      ['/steps/0/c~1d', 'IMPORT_UNKNOWN_FIELD', 'warning'],
    ])
  })

  it('ignores parent_session_id with a warning', () => {
    const result = importChecked({
      parent_session_id: 'sess-1',
      flags: { language: 'en' },
      steps: [EMAIL],
    })
    expect(result.valid).toBe(true)
    expect(brief(result.issues)).toEqual([
      ['/parent_session_id', 'IMPORT_FIELD_IGNORED', 'warning'],
    ])
    expect(JSON.stringify(result.flow)).not.toContain('sess-1')
  })

  it.each([[null], [42], ['begin'], [[]], [true]])(
    'rejects the non-object input %j at the root',
    (input) => {
      expect(importChecked(input)).toEqual({
        flow: null,
        valid: false,
        issues: [
          { path: '', code: 'IMPORT_INVALID', message: expect.any(String), severity: 'error' },
        ],
      })
    },
  )

  it('reports flags that are not an object, and steps that are not a list', () => {
    expect(brief(importChecked({ flags: ['en'], steps: [EMAIL] }).issues)).toEqual([
      ['/flags', 'IMPORT_INVALID', 'error'],
    ])
    expect(errorsOf(importChecked({ flags: { language: 'en' }, steps: {} }).issues)).toEqual([
      ['/steps', 'IMPORT_INVALID', 'error'],
    ])
  })

  it('keeps the validation issues of the imported flow, all mapped into the input', () => {
    const input = readExample('all-flags.json')
    const steps = input.steps as Array<{
      flags: Record<string, unknown>
      questions: Array<Record<string, unknown>>
    }>
    steps[0]!.flags.document_countries = ['GEO', 'ZZZ']
    steps[1]!.flags.liveness = true
    steps[7]!.questions[2]!.answer = ['cards', 'cars']
    const result = importChecked(input)
    expect(brief(result.issues)).toEqual([
      ['/steps/7/questions/2/answer/1', 'ANSWER_NOT_AN_OPTION', 'error'],
      ['/steps/0/flags/document_countries/1', 'COUNTRY_CODE_UNKNOWN', 'error'],
      ['/steps/1/flags/allow_face_upload', 'FLAG_NO_EFFECT', 'warning'],
    ])
    expect(validateFlow(result.flow).issues.map((i) => i.code)).toEqual(
      result.issues.map((i) => i.code),
    )
  })
})
