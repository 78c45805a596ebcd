import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { LocalizedText } from './common.schema.ts'
import type { Flow } from './flow.schema.ts'
import type { Issue } from './issue.ts'
import { appendPointer, parsePointer, pointerResolves } from './json-pointer.ts'
import type { Question } from './questionnaire.schema.ts'
import type { Step, StepType } from './step.schema.ts'
import { TARGET_NAMES } from './targets.schema.ts'
import { compile } from './targets/compile.ts'
import { importFromIdentomat } from './targets/identomat/import.ts'
import { validateFlow } from './validate.ts'

/*
 * (a) Random valid flows within what Identomat can express survive export → import → export.
 * (b) Nothing throws on mutated flows or arbitrary JSON, and every issue path resolves.
 */

type Json = ReturnType<typeof JSON.parse>

/** What a flow looks like after a trip through a file: no undefined, plain prototypes. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

const LANGUAGES = ['en', 'ka', 'de', 'pt-BR'] as const
const COUNTRIES = ['GEO', 'USA', 'DEU', 'ITA', 'IDN', 'FRA'] as const
const URLS = [
  'https://example.com/done',
  'https://kyc.example.org/return?x=1',
  'http://localhost:3000/back',
] as const

/** Keys providers see: short, any characters (slashes and tildes included, for the JSON pointers). */
const keyArb = fc.string({ minLength: 1, maxLength: 10 })
const textArb = fc.string({ maxLength: 12 })
const optionalBool = fc.option(fc.boolean(), { nil: undefined })
const flagRecord = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) =>
  fc.record(model, { requiredKeys: [], noNullPrototype: true })
const listOf = <T>(items: fc.Arbitrary<T>) => fc.uniqueArray(items, { maxLength: 4 })

/** Every documented flag of each flag step type, each optional. */
const FLAG_ARBS: Record<
  Exclude<StepType, 'user-questionnaire' | 'operator-questionnaire'>,
  fc.Arbitrary<Record<string, unknown>>
> = {
  'identity-document': flagRecord({
    disable_document_capture: fc.boolean(),
    allow_document_upload: fc.boolean(),
    document_types: listOf(
      fc.constantFrom('id', 'passport', 'driver_license', 'residence_license', 'other'),
    ),
    document_countries: listOf(fc.constantFrom(...COUNTRIES)),
  }),
  liveness: flagRecord({ liveness: fc.boolean(), allow_face_upload: fc.boolean() }),
  'general-document': flagRecord({
    general_document_types: listOf(fc.string({ minLength: 1, maxLength: 8 })),
  }),
  'face-document': flagRecord({
    allow_face_doc_upload: fc.boolean(),
    require_face_document: fc.boolean(),
  }),
  'video-call': flagRecord({
    resetSteps: fc.boolean(),
    hideCameraOption: fc.boolean(),
    nameRequired: fc.boolean(),
  }),
  'phone-number': flagRecord({
    require_phone_number_check: fc.boolean(),
    require_phone_number: fc.boolean(),
  }),
  email: flagRecord({ require_email_check: fc.boolean(), require_email: fc.boolean() }),
}
const FLAG_STEP_TYPES = Object.keys(FLAG_ARBS) as Array<keyof typeof FLAG_ARBS>

/** Makes `raw` unique among `seen` (keys must be unique in their scope). */
function uniqueKey(raw: string, seen: Set<string>): string {
  let key = raw
  for (let n = 2; seen.has(key); n++) key = `${raw}#${n}`
  seen.add(key)
  return key
}

/**
 * Localized text over the flow's languages: plain text, or translations that always include the
 * default language (all languages when `full`), in a random order.
 */
function localizedArb(
  languages: readonly string[],
  full: boolean,
): fc.Arbitrary<LocalizedText | undefined> {
  const [first, ...others] = languages
  const translations = fc
    .tuple(
      full ? fc.constant(others) : fc.subarray(others),
      fc.array(textArb, { minLength: languages.length, maxLength: languages.length }),
      fc.boolean(),
    )
    .map(([picked, texts, defaultLast]) => {
      const langs = defaultLast ? [...picked, first!] : [first!, ...picked]
      return Object.fromEntries(langs.map((lang, i) => [lang, texts[i]!])) as LocalizedText
    })
  return fc.option(fc.oneof(textArb, translations), { nil: undefined })
}

interface RawQuestion {
  type: Question['type']
  key: string
  title: LocalizedText | undefined
  mandatory: boolean | undefined
  readOnly: boolean | undefined
  options: Array<{ key: string; title: LocalizedText | undefined }>
  answerSeeds: number[] | undefined
  answerText: string
  condition: { refSeed: number; optionSeed: number; text: string; group: 'all' | 'any' } | undefined
}

function rawQuestionArb(text: fc.Arbitrary<LocalizedText | undefined>): fc.Arbitrary<RawQuestion> {
  return fc.record({
    type: fc.constantFrom('string', 'options', 'multiple-choice'),
    key: keyArb,
    title: text,
    mandatory: optionalBool,
    readOnly: optionalBool,
    options: fc.array(fc.record({ key: keyArb, title: text }), { minLength: 1, maxLength: 4 }),
    answerSeeds: fc.option(fc.array(fc.nat(), { maxLength: 3 }), { nil: undefined }),
    answerText: textArb,
    condition: fc.option(
      fc.record({
        refSeed: fc.nat(),
        optionSeed: fc.nat(),
        text: textArb,
        group: fc.constantFrom('all', 'any'),
      }),
      { nil: undefined },
    ),
  }) as fc.Arbitrary<RawQuestion>
}

/** Turns raw questions into valid ones: unique keys and ids, conditions on earlier questions. */
function buildQuestions(raws: RawQuestion[], stepId: string): Question[] {
  const questionKeys = new Set<string>()
  const optionKeys = new Set<string>()
  const built: Question[] = []
  raws.forEach((raw, j) => {
    const id = `${stepId}_q${j}`
    const question: Question = { id, type: raw.type, key: uniqueKey(raw.key, questionKeys) }
    if (raw.title !== undefined) question.title = raw.title
    if (raw.mandatory !== undefined) question.mandatory = raw.mandatory
    if (raw.readOnly !== undefined) question.readOnly = raw.readOnly
    const optionIds: string[] = []
    if (raw.type !== 'string') {
      question.options = raw.options.map((option, k) => {
        optionIds.push(`${id}_o${k}`)
        const out: NonNullable<Question['options']>[number] = {
          id: `${id}_o${k}`,
          key: uniqueKey(option.key, optionKeys),
        }
        if (option.title !== undefined) out.title = option.title
        return out
      })
    }
    if (raw.answerSeeds !== undefined) {
      if (raw.type === 'string') question.answer = raw.answerText
      else if (raw.type === 'options')
        question.answer = optionIds[(raw.answerSeeds[0] ?? 0) % optionIds.length]!
      else
        question.answer = [
          ...new Set(raw.answerSeeds.map((seed) => optionIds[seed % optionIds.length]!)),
        ]
    }
    if (raw.condition !== undefined && j > 0) {
      const referenced = built[raw.condition.refSeed % j]!
      const value = referenced.options
        ? referenced.options[raw.condition.optionSeed % referenced.options.length]!.id
        : raw.condition.text
      question.showWhen = {
        [raw.condition.group]: [{ question: referenced.id, op: 'equals', value }],
      }
    }
    built.push(question)
  })
  return built
}

function stepArb(languages: readonly string[], full: boolean): fc.Arbitrary<Omit<Step, 'id'>> {
  const text = localizedArb(languages, full)
  const flagStep = fc.constantFrom(...FLAG_STEP_TYPES).chain((type) =>
    fc.record({
      type: fc.constant(type),
      key: keyArb,
      title: text,
      flags: fc.option(FLAG_ARBS[type], { nil: undefined }),
    }),
  )
  const questionnaire = fc.record({
    type: fc.constantFrom('user-questionnaire', 'operator-questionnaire'),
    key: keyArb,
    title: text,
    description: text,
    successButtonTitle: text,
    questions: fc.array(rawQuestionArb(text), { maxLength: 6 }),
  })
  return fc.oneof(flagStep, questionnaire) as unknown as fc.Arbitrary<Omit<Step, 'id'>>
}

function buildSteps(raws: Array<Omit<Step, 'id'>>): Step[] {
  const keys = new Set<string>()
  return raws.map((raw, i) => {
    const id = `s${i}`
    const step = { ...raw, id, key: uniqueKey(raw.key, keys) } as Record<string, unknown>
    if (raw.type === 'user-questionnaire' || raw.type === 'operator-questionnaire')
      step.questions = buildQuestions(step.questions as RawQuestion[], id)
    if (raw.type === 'operator-questionnaire') delete step.successButtonTitle
    return step as unknown as Step
  })
}

const settingsArb = fc.record(
  {
    returnUrl: fc.constantFrom(...URLS),
    skipDesktop: fc.boolean(),
    switchDeviceUrl: fc.constantFrom('', 'https://example.com/phone'),
    restrictUrlSharing: fc.boolean(),
    optionalContinueOnAnotherDevice: fc.boolean(),
    multipleParticipants: fc.boolean(),
    theme: fc.constantFrom('system', 'light', 'dark'),
    portraitOnly: fc.boolean(),
    qr: flagRecord({ allow: fc.boolean(), force: fc.boolean() }),
    sessionTtlMinutes: fc.integer({ min: 1, max: 10080 }),
  },
  { requiredKeys: [], noNullPrototype: true },
)

const identomatTargetArb = fc.record(
  {
    enabled: fc.boolean(),
    sendLanguage: fc.boolean(),
    skip_face: fc.boolean(),
    skip_document: fc.boolean(),
    config_id: fc.string({ minLength: 1, maxLength: 8 }),
    videoCallOptionsPlacement: fc.constantFrom('step', 'flags'),
    legacyFlags: flagRecord({
      liveness: fc.boolean(),
      document_types: fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 3 }),
      document_countries: fc.array(fc.constantFrom(...COUNTRIES), { maxLength: 3 }),
      general_document_types: fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 3 }),
      allow_document_upload: fc.boolean(),
      allow_general_document_capture: fc.boolean(),
      allow_general_document_upload: fc.boolean(),
      skip_agreement: fc.boolean(),
    }),
  },
  { requiredKeys: ['enabled'], noNullPrototype: true },
)

/** A random valid flow that Identomat can express. */
const identomatFlowArb: fc.Arbitrary<Flow> = fc
  .record({
    languages: fc.shuffledSubarray([...LANGUAGES], { minLength: 1 }),
    identomat: identomatTargetArb,
  })
  .chain(({ languages, identomat }) =>
    fc.record({
      schemaVersion: fc.constant(1 as const),
      name: fc.string({ minLength: 1, maxLength: 20 }),
      languages: fc.constant(languages),
      settings: fc.option(settingsArb, { nil: undefined }),
      steps: fc
        .array(stepArb(languages, identomat.sendLanguage === false), { maxLength: 7 })
        .map(buildSteps),
      targets: fc.constant({ identomat }),
    }),
  )
  .map((flow) => asJson(flow) as Flow)

/** Fails with the issues in the message, so a counterexample says what went wrong. */
function expectNoErrors(issues: readonly Issue[], what: string): void {
  expect(
    issues.filter((i) => i.severity === 'error'),
    what,
  ).toEqual([])
}

function expectPathsResolve(doc: unknown, issues: readonly Issue[], what: string): void {
  for (const issue of issues)
    expect(
      pointerResolves(doc, issue.path),
      `${what}: ${issue.code} at "${issue.path}" resolves`,
    ).toBe(true)
}

describe('property: Identomat round trip', () => {
  it('random Identomat-expressible flows are valid and survive export → import → export unchanged', () => {
    fc.assert(
      fc.property(identomatFlowArb, (flow) => {
        expectNoErrors(validateFlow(flow).issues, 'the generated flow')

        const first = compile(flow, 'identomat')
        expectNoErrors(first.issues, 'compiling the flow')
        const payload = asJson(first.payload!)

        const imported = importFromIdentomat(payload)
        expectNoErrors(imported.issues, 'importing the payload')
        expectPathsResolve(payload, imported.issues, 'import')
        expect(validateFlow(imported.flow).valid).toBe(true)

        const second = compile(imported.flow, 'identomat')
        expectNoErrors(second.issues, 'compiling the imported flow')
        expect(second.payload!.flags).toEqual(payload.flags)
        expect(second.payload!.steps).toEqual(payload.steps)
        expect(second.payload!.config_id).toEqual(payload.config_id)
      }),
      { numRuns: 250 },
    )
  })
})

// --- (b) robustness -------------------------------------------------------------------------

/** Every JSON pointer in a document, the root included. */
function allPointers(doc: unknown, base = '', out: string[] = []): string[] {
  out.push(base)
  if (Array.isArray(doc)) doc.forEach((item, i) => allPointers(item, appendPointer(base, i), out))
  else if (doc !== null && typeof doc === 'object')
    for (const key of Object.keys(doc))
      allPointers((doc as Record<string, unknown>)[key], appendPointer(base, key), out)
  return out
}

type Mutation =
  | { kind: 'delete' | 'replace' | 'insert'; at: number; key: string; value: Json }
  | { kind: 'shuffle-steps'; order: number[] }

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('delete', 'replace', 'insert'),
    at: fc.nat(),
    key: fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        'id',
        'key',
        'type',
        'flags',
        'showWhen',
        'all',
        'question',
        'value',
        'answer',
        '__proto__',
      ),
    ),
    value: fc.jsonValue({ maxDepth: 3 }),
  }),
  fc.record({
    kind: fc.constant('shuffle-steps' as const),
    order: fc.array(fc.nat(), { minLength: 1 }),
  }),
)

/** Applies a mutation to a copy of `doc` and returns the copy. */
function mutate(doc: Json, mutation: Mutation): Json {
  const copy = structuredClone(doc) as Json
  if (mutation.kind === 'shuffle-steps') {
    if (copy === null || typeof copy !== 'object' || !Array.isArray(copy.steps)) return copy
    const rank = (i: number) => mutation.order[i % mutation.order.length]! * 1000 + i
    copy.steps = copy.steps
      .map((step: unknown, i: number) => [rank(i), step] as const)
      .sort((a: readonly [number, unknown], b: readonly [number, unknown]) => a[0] - b[0])
      .map(([, step]: readonly [number, unknown]) => step)
    return copy
  }
  const pointers = allPointers(copy)
  const path = pointers[mutation.at % pointers.length]!
  const tokens = parsePointer(path)
  const value = asJson(mutation.value)
  if (tokens.length === 0) {
    if (mutation.kind === 'replace') return value
    if (
      mutation.kind === 'insert' &&
      copy !== null &&
      typeof copy === 'object' &&
      !Array.isArray(copy)
    )
      Object.defineProperty(copy, mutation.key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    return copy
  }
  let parent = copy
  for (const token of tokens.slice(0, -1)) parent = parent[token]
  const last = tokens[tokens.length - 1]!
  const node = parent[last]
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1)
    else delete parent[last]
  } else if (mutation.kind === 'replace' || node === null || typeof node !== 'object') {
    parent[last] = value
  } else if (Array.isArray(node)) {
    node.splice(mutation.at % (node.length + 1), 0, value)
  } else {
    Object.defineProperty(node, mutation.key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return copy
}

/** Everything that reads a flow document: must not throw, and must report resolvable paths. */
function checkFlowDocument(doc: unknown): void {
  const validation = validateFlow(doc)
  expect(typeof validation.valid).toBe('boolean')
  expectPathsResolve(doc, validation.issues, 'validateFlow')
  for (const target of TARGET_NAMES) {
    const result = compile(doc, target)
    expectPathsResolve(doc, result.issues, `compile to ${target}`)
    if (!validation.valid) expect(result.payload).toBeNull()
  }
}

/** The importer must not throw, and reports paths into its input. */
function checkIdentomatInput(input: unknown): void {
  const result = importFromIdentomat(input)
  expectPathsResolve(input, result.issues, 'importFromIdentomat')
  if (result.flow !== null)
    expect(validateFlow(result.flow).valid && result.valid).toBe(result.valid)
}

const everyTargetFlowArb: fc.Arbitrary<Flow> = fc
  .tuple(
    identomatFlowArb,
    fc.record(
      {
        iab: fc.record(
          {
            enabled: fc.boolean(),
            product: fc.constantFrom(
              'KTP_SCAN',
              'FACE_VERIFICATION',
              'FACE_MATCH',
              'STANDALONE_LIVENESS',
              'KYC_LITE',
            ),
            flowCode: fc.constantFrom('KYC_LITE_WEB', 'KTP_1'),
            launchMode: fc.constantFrom('redirect', 'webview', 'iframe'),
            successRedirectionUrl: fc.constantFrom(...URLS),
            partnerUserIdType: fc.constantFrom('PHONE', 'EMAIL'),
          },
          { requiredKeys: ['enabled'], noNullPrototype: true },
        ),
        trustmatic: fc.record(
          {
            enabled: fc.boolean(),
            integrationMode: fc.constantFrom('redirect', 'iframe', 'directProcessing'),
            lang: fc.constantFrom('en-US', 'jp-JP'),
            crossDevice: fc.boolean(),
            onlyMobile: fc.boolean(),
            skipIntegrityCheck: fc.boolean(),
          },
          { requiredKeys: ['enabled'], noNullPrototype: true },
        ),
        sandbox: fc.record({ enabled: fc.boolean() }, { noNullPrototype: true }),
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  )
  .map(([flow, targets]) => asJson({ ...flow, targets: { ...flow.targets, ...targets } }) as Flow)

describe('property: robustness', () => {
  it('mutated valid flows never make validation or compilation throw, and every issue path resolves', () => {
    fc.assert(
      fc.property(
        everyTargetFlowArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (flow, mutations) => {
          checkFlowDocument(flow)
          let doc: Json = flow
          for (const mutation of mutations) doc = mutate(doc, mutation)
          checkFlowDocument(doc)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('mutated Identomat payloads never make the importer throw, and every issue path resolves in the payload', () => {
    fc.assert(
      fc.property(
        identomatFlowArb,
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        (flow, mutations) => {
          let payload: Json = asJson(compile(flow, 'identomat').payload)
          for (const mutation of mutations) payload = mutate(payload, mutation)
          checkIdentomatInput(payload)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('arbitrary JSON never makes validation, compilation or import throw', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const doc = asJson(value)
        checkFlowDocument(doc)
        checkIdentomatInput(doc)
      }),
      { numRuns: 300 },
    )
  })

  it('flow-shaped JSON with arbitrary steps never makes anything throw', () => {
    const stepLike = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record(
        {
          id: fc.oneof(fc.constantFrom('s1', 's2'), fc.jsonValue({ maxDepth: 1 })),
          type: fc.oneof(
            fc.constantFrom(
              'identity-document',
              'video-call',
              'user-questionnaire',
              'operator-questionnaire',
            ),
            fc.jsonValue({ maxDepth: 1 }),
          ),
          key: fc.oneof(keyArb, fc.jsonValue({ maxDepth: 1 })),
          flags: fc.jsonValue({ maxDepth: 2 }),
          questions: fc.array(
            fc.oneof(
              fc.jsonValue({ maxDepth: 3 }),
              fc.record(
                {
                  id: fc.constant('q1'),
                  type: fc.constantFrom('options', 'string'),
                  key: keyArb,
                  options: fc.jsonValue({ maxDepth: 2 }),
                  answer: fc.jsonValue({ maxDepth: 1 }),
                  showWhen: fc.jsonValue({ maxDepth: 3 }),
                  showConditions: fc.jsonValue({ maxDepth: 2 }),
                },
                { requiredKeys: [], noNullPrototype: true },
              ),
            ),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: [], noNullPrototype: true },
      ),
    )
    const docArb = fc.record(
      {
        schemaVersion: fc.constant(1),
        name: fc.constant('x'),
        languages: fc.oneof(fc.constant(['en']), fc.jsonValue({ maxDepth: 1 })),
        settings: fc.jsonValue({ maxDepth: 2 }),
        flags: fc.jsonValue({ maxDepth: 2 }),
        steps: fc.array(stepLike, { maxLength: 4 }),
        targets: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['schemaVersion', 'name', 'steps'], noNullPrototype: true },
    )
    fc.assert(
      fc.property(docArb, (value) => {
        const doc = asJson(value)
        checkFlowDocument(doc)
        checkIdentomatInput(doc)
      }),
      { numRuns: 300 },
    )
  })
})
