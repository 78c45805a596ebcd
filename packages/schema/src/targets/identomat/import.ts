import { asArray, isRecord, type JsonRecord } from '../../rules/context.ts'
import { FLOW_SCHEMA_VERSION, type Flow } from '../../flow.schema.ts'
import { toResult, type Issue, type ValidationResult } from '../../issue.ts'
import { appendPointer, pointer } from '../../json-pointer.ts'
import { validateFlow } from '../../validate.ts'
import {
  IDENTOMAT_LEGACY_FLAGS,
  IDENTOMAT_SETTING_FLAGS,
  IDENTOMAT_TARGET_FLAGS,
  VIDEO_CALL_OPTIONS,
} from './begin-body.ts'
import { ImportPathMap } from './path-map.ts'

export interface ImportResult extends ValidationResult {
  /** The flow document built from the payload (present even when issues were found). */
  flow: Flow | null
}

export interface ImportOptions {
  /** Name of the new flow. @default "Imported from Identomat" */
  name?: string
}

const STEP_FIELDS = new Set(['type', 'key', 'title', 'flags'])
const QUESTIONNAIRE_FIELDS = new Set(['type', 'key', 'title', 'description', 'questions'])
const QUESTION_FIELDS = new Set([
  'type',
  'key',
  'title',
  'mandatory',
  'readOnly',
  'answer',
  'showConditions',
  'options',
])

/** Builds a flow from an Identomat `begin` body; one instance per import. */
class IdentomatImporter {
  readonly issues: Issue[] = []
  readonly map: ImportPathMap
  private readonly languages: string[] = []
  private readonly settings: JsonRecord = {}
  private readonly target: JsonRecord = { enabled: true }

  constructor(private readonly input: JsonRecord) {
    this.map = new ImportPathMap(input)
  }

  private warn(path: string, code: string, message: string): void {
    this.issues.push({ path, code, message, severity: 'warning' })
  }

  private fail(path: string, code: string, message: string): void {
    this.issues.push({ path, code, message, severity: 'error' })
  }

  private noteLanguages(text: unknown, inputPath: string): void {
    if (!isRecord(text)) return
    for (const lang of Object.keys(text)) {
      if (this.languages.includes(lang)) continue
      this.map.set(`/languages/${this.languages.length}`, appendPointer(inputPath, lang))
      this.languages.push(lang)
    }
  }

  run(options: ImportOptions): Flow {
    for (const field of Object.keys(this.input)) {
      if (field === 'company_key') {
        if (this.input.company_key !== '<company_key>')
          this.warn(
            '/company_key',
            'IMPORT_SECRET_IGNORED',
            'company_key is not imported; credentials live in the provider settings',
          )
      } else if (field === 'config_id') {
        this.target.config_id = this.input.config_id
        this.map.set('/targets/identomat/config_id', '/config_id')
      } else if (field === 'parent_session_id') {
        this.warn(
          '/parent_session_id',
          'IMPORT_FIELD_IGNORED',
          'parent_session_id belongs to one launch, not to a flow; it is ignored',
        )
      } else if (field !== 'flags' && field !== 'steps') {
        this.warn(
          pointer(field),
          'IMPORT_UNKNOWN_FIELD',
          `"${field}" is not a documented begin parameter; it is ignored`,
        )
      }
    }
    this.importFlags()
    const steps = this.importSteps()
    if (this.languages.length === 0) this.languages.push('en')
    const flow: JsonRecord = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      name: options.name ?? 'Imported from Identomat',
      languages: this.languages,
    }
    if (Object.keys(this.settings).length > 0) flow.settings = this.settings
    flow.steps = steps
    flow.targets = { identomat: this.target }
    return flow as unknown as Flow
  }

  private importFlags(): void {
    const flags = this.input.flags
    // Without a language flag Identomat uses its own default, so the flow must not send one.
    if (flags === undefined) {
      this.target.sendLanguage = false
      return
    }
    if (!isRecord(flags)) return this.fail('/flags', 'IMPORT_INVALID', 'flags must be an object')
    this.map.set('/settings', '/flags')
    this.map.set('/targets/identomat/legacyFlags', '/flags')
    if ('language' in flags) {
      this.languages.push(flags.language as string)
      this.map.set('/languages/0', '/flags/language')
    } else {
      this.target.sendLanguage = false
    }
    const legacy: JsonRecord = {}
    for (const [flag, value] of Object.entries(flags)) {
      const setting = IDENTOMAT_SETTING_FLAGS.find(([name]) => name === flag)?.[1]
      if (flag === 'language') continue
      if (flag === 'return_url' || setting) {
        const field = setting ?? 'returnUrl'
        this.settings[field] = value
        this.map.set(`/settings/${field}`, `/flags/${flag}`)
      } else if ((IDENTOMAT_TARGET_FLAGS as readonly string[]).includes(flag)) {
        this.target[flag] = value
        this.map.set(`/targets/identomat/${flag}`, `/flags/${flag}`)
      } else if ((IDENTOMAT_LEGACY_FLAGS as readonly string[]).includes(flag)) {
        legacy[flag] = value
        this.map.set(`/targets/identomat/legacyFlags/${flag}`, `/flags/${flag}`)
      } else {
        this.warn(
          pointer('flags', flag),
          'IMPORT_UNKNOWN_FIELD',
          `"${flag}" is not a documented Identomat flag; it is ignored`,
        )
      }
    }
    if (Object.keys(legacy).length > 0) this.target.legacyFlags = legacy
  }

  private importSteps(): unknown[] {
    const steps = this.input.steps
    if (steps === undefined) return []
    if (!Array.isArray(steps)) {
      this.fail('/steps', 'IMPORT_INVALID', 'steps must be an array')
      return []
    }
    this.map.set('/steps', '/steps')
    // Steps keep their positions (malformed ones stay as they are for validation to report), so
    // paths under /steps are the same in the flow and in the input.
    return steps.map((step, i) =>
      isRecord(step) ? this.importStep(step, `/steps/${i}`, `s${i + 1}`) : step,
    )
  }

  private importStep(step: JsonRecord, path: string, id: string): JsonRecord {
    const isQuestionnaire =
      step.type === 'user-questionnaire' || step.type === 'operator-questionnaire'
    const known = new Set(isQuestionnaire ? QUESTIONNAIRE_FIELDS : STEP_FIELDS)
    if (step.type === 'user-questionnaire') known.add('successButtonTitle')
    const out: JsonRecord = { id }
    const flags: JsonRecord = isRecord(step.flags) ? { ...step.flags } : {}
    for (const [field, value] of Object.entries(step)) {
      if (step.type === 'video-call' && (VIDEO_CALL_OPTIONS as readonly string[]).includes(field)) {
        flags[field] = value
        this.map.set(`${path}/flags/${field}`, `${path}/${field}`)
      } else if (field === 'questions' && isQuestionnaire) {
        out.questions = this.importQuestions(value, `${path}/questions`, id)
      } else if (known.has(field)) {
        out[field] = field === 'flags' && isRecord(value) ? flags : value
        if (field === 'title' || field === 'description' || field === 'successButtonTitle')
          this.noteLanguages(value, `${path}/${field}`)
      } else {
        this.warn(
          appendPointer(path, field),
          'IMPORT_UNKNOWN_FIELD',
          `"${field}" is not documented for ${typeof step.type === 'string' ? `a "${step.type}"` : 'this'} step; it is ignored`,
        )
      }
    }
    if (step.type === 'video-call') {
      // A flags object says the payload puts the options in flags, even an empty one, unless
      // the options sit on the step itself.
      const flagsObject = isRecord(step.flags) ? step.flags : undefined
      const inFlags =
        flagsObject !== undefined &&
        (VIDEO_CALL_OPTIONS.some((o) => o in flagsObject) ||
          !VIDEO_CALL_OPTIONS.some((o) => o in step))
      if (inFlags) this.target.videoCallOptionsPlacement = 'flags'
      // Flags that are not an object stay as they are, for validation to report.
      if (isRecord(step.flags) || (!('flags' in step) && Object.keys(flags).length > 0))
        out.flags = flags
    }
    return out
  }

  private importQuestions(questions: unknown, path: string, stepId: string): unknown {
    if (!Array.isArray(questions)) return questions
    const built = questions.map((question, j) =>
      this.importQuestion(question, `${path}/${j}`, `${stepId}q${j + 1}`),
    )
    questions.forEach((question, j) => {
      if (isRecord(question) && question.showConditions !== undefined)
        this.importCondition(question.showConditions, built, j, `${path}/${j}`)
    })
    return built
  }

  private importQuestion(question: unknown, path: string, id: string): unknown {
    if (!isRecord(question)) return question
    const out: JsonRecord = { id }
    for (const [field, value] of Object.entries(question)) {
      if (!QUESTION_FIELDS.has(field)) {
        this.warn(
          appendPointer(path, field),
          'IMPORT_UNKNOWN_FIELD',
          `"${field}" is not a documented question parameter; it is ignored`,
        )
      } else if (field === 'options') {
        out.options = Array.isArray(value)
          ? value.map((option, k) =>
              isRecord(option)
                ? this.importOption(option, `${path}/options/${k}`, `${id}o${k + 1}`)
                : option,
            )
          : value
      } else if (field !== 'showConditions' && field !== 'answer') {
        out[field] = value
        if (field === 'title') this.noteLanguages(value, `${path}/title`)
      }
    }
    if ('answer' in question) out.answer = this.optionIds(question.answer, out)
    return out
  }

  private importOption(option: JsonRecord, path: string, id: string): JsonRecord {
    const out: JsonRecord = { id }
    for (const [field, value] of Object.entries(option)) {
      if (field === 'key' || field === 'title') out[field] = value
      else
        this.warn(
          appendPointer(path, field),
          'IMPORT_UNKNOWN_FIELD',
          `"${field}" is not a documented option parameter; it is ignored`,
        )
    }
    if ('title' in option) this.noteLanguages(option.title, `${path}/title`)
    return out
  }

  /** Option keys → option ids (values that match no option are kept as they are, and reported by validation). */
  private optionIds(answer: unknown, question: JsonRecord): unknown {
    if (question.type === 'string') return answer
    const idOf = (key: unknown) =>
      asArray(question.options).find(
        (o) => isRecord(o) && o.key === key && typeof o.id === 'string',
      )
    const convert = (key: unknown) => (idOf(key) as JsonRecord | undefined)?.id ?? key
    return Array.isArray(answer) ? answer.map(convert) : convert(answer)
  }

  private importCondition(
    showConditions: unknown,
    questions: unknown[],
    j: number,
    path: string,
  ): void {
    const target = questions[j] as JsonRecord
    const conditionPath = `${path}/showConditions`
    if (
      !isRecord(showConditions) ||
      typeof showConditions.questionKey !== 'string' ||
      !('answer' in showConditions)
    )
      return this.fail(
        conditionPath,
        'IMPORT_INVALID',
        'showConditions must be an object with "questionKey" and "answer"',
      )
    const referenced = questions.find(
      (q) => isRecord(q) && q.key === showConditions.questionKey,
    ) as JsonRecord | undefined
    if (!referenced || typeof referenced.id !== 'string')
      return this.fail(
        `${conditionPath}/questionKey`,
        'CONDITION_UNKNOWN_QUESTION',
        `no question with key "${showConditions.questionKey}" in this questionnaire`,
      )
    const flowPath = `${path}/showWhen`
    this.map.set(flowPath, conditionPath)
    this.map.set(`${flowPath}/all`, conditionPath)
    this.map.set(`${flowPath}/all/0`, conditionPath)
    this.map.set(`${flowPath}/all/0/question`, `${conditionPath}/questionKey`)
    this.map.set(`${flowPath}/all/0/value`, `${conditionPath}/answer`)
    target.showWhen = {
      all: [
        {
          question: referenced.id,
          op: 'equals',
          value: this.optionIds(showConditions.answer, referenced),
        },
      ],
    }
  }
}

/**
 * Imports an Identomat `begin` body (flags + steps, questionnaires, `showConditions`) as a flow
 * document with generated stable ids. Every issue, including those validation finds in the
 * resulting flow, has a JSON pointer into the input payload.
 */
export function importFromIdentomat(input: unknown, options: ImportOptions = {}): ImportResult {
  if (!isRecord(input))
    return {
      flow: null,
      ...toResult([
        {
          path: '',
          code: 'IMPORT_INVALID',
          message: 'an Identomat begin body is a JSON object',
          severity: 'error',
        },
      ]),
    }
  const importer = new IdentomatImporter(input)
  const flow = importer.run(options)
  const validation = validateFlow(flow)
  const mapped = validation.issues.map((issue) => ({
    ...issue,
    path: importer.map.toInput(issue.path),
  }))
  return { flow, ...toResult([...importer.issues, ...mapped]) }
}
