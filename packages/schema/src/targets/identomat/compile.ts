import type { Flow } from '../../flow.schema.ts'
import type { Issue } from '../../issue.ts'
import type { Question } from '../../questionnaire.schema.ts'
import { isQuestionnaireStep, type Step } from '../../step.schema.ts'
import { placeholder, type CompileResult, type LaunchContext } from '../types.ts'
import {
  IDENTOMAT_LEGACY_FLAGS,
  IDENTOMAT_SETTING_FLAGS,
  VIDEO_CALL_OPTIONS,
  type IdentomatBeginBody,
  type IdentomatQuestion,
  type IdentomatShowConditions,
  type IdentomatStep,
} from './begin-body.ts'

const SETTINGS_IDENTOMAT_CANNOT_EXPRESS = [
  ['theme', 'system'],
  ['portraitOnly', true],
  ['sessionTtlMinutes', 15],
] as const

function compileFlags(flow: Flow, launch: LaunchContext, issues: Issue[]): Record<string, unknown> {
  const target = flow.targets?.identomat
  const settings = flow.settings ?? {}
  const flags: Record<string, unknown> = {}
  if (target?.skip_face !== undefined) flags.skip_face = target.skip_face
  if (target?.skip_document !== undefined) flags.skip_document = target.skip_document
  const returnUrl = launch.returnUrl ?? settings.returnUrl
  if (returnUrl !== undefined) flags.return_url = returnUrl
  if (target?.sendLanguage !== false) flags.language = flow.languages[0]
  for (const [flag, field] of IDENTOMAT_SETTING_FLAGS) {
    if (settings[field] !== undefined) flags[flag] = settings[field]
  }
  for (const flag of IDENTOMAT_LEGACY_FLAGS) {
    const value = target?.legacyFlags?.[flag]
    if (value !== undefined) flags[flag] = value
  }
  for (const [field, fallback] of SETTINGS_IDENTOMAT_CANNOT_EXPRESS) {
    if (settings[field] !== undefined && settings[field] !== fallback)
      issues.push({
        path: `/settings/${field}`,
        code: 'TARGET_UNSUPPORTED_SETTING',
        message: `Identomat cannot express ${field}; it is ignored for this target`,
        severity: 'warning',
      })
  }
  if (settings.qr?.allow || settings.qr?.force)
    issues.push({
      path: '/settings/qr',
      code: 'TARGET_UNSUPPORTED_SETTING',
      message: 'Identomat has no QR switch; use skipDesktop or optionalContinueOnAnotherDevice',
      severity: 'warning',
    })
  return flags
}

function compileCondition(
  question: Question,
  questions: readonly Question[],
  path: string,
  issues: Issue[],
): IdentomatShowConditions | undefined {
  const condition = question.showWhen
  if (!condition) return undefined
  const group = condition.all ? 'all' : 'any'
  const clauses = condition.all ?? condition.any ?? []
  const conditionPath = `${path}/showWhen`
  const unsupported = (at: string, message: string) => {
    issues.push({
      path: at,
      code: 'TARGET_UNSUPPORTED_CONDITION',
      message: `Identomat cannot express ${message}`,
      severity: 'error',
    })
    return undefined
  }
  if (clauses.length !== 1)
    return unsupported(
      conditionPath,
      `a condition with ${clauses.length} clauses (${group === 'all' ? 'all-of' : 'any-of'}); it shows a question on one answer of one earlier question`,
    )
  const clause = clauses[0]!
  if (clause.op !== 'equals')
    return unsupported(
      `${conditionPath}/${group}/0/op`,
      `the "${clause.op}" operator; only "equals"`,
    )
  const referenced = questions.find((q) => q.id === clause.question)
  if (!referenced || typeof clause.value !== 'string') return undefined
  const option = referenced.options?.find((o) => o.id === clause.value)
  return { questionKey: referenced.key, answer: option ? option.key : clause.value }
}

function compileQuestion(
  question: Question,
  questions: readonly Question[],
  path: string,
  issues: Issue[],
): IdentomatQuestion {
  const keyOf = (id: string) => question.options?.find((o) => o.id === id)?.key ?? id
  const out: IdentomatQuestion = { type: question.type, key: question.key }
  if (question.title !== undefined) out.title = question.title
  if (question.mandatory !== undefined) out.mandatory = question.mandatory
  if (question.readOnly !== undefined) out.readOnly = question.readOnly
  if (question.answer !== undefined)
    out.answer =
      question.type === 'string'
        ? question.answer
        : Array.isArray(question.answer)
          ? question.answer.map(keyOf)
          : keyOf(question.answer)
  const showConditions = compileCondition(question, questions, path, issues)
  if (showConditions) out.showConditions = showConditions
  if (question.options !== undefined)
    out.options = question.options.map((o) =>
      o.title === undefined ? { key: o.key } : { key: o.key, title: o.title },
    )
  return out
}

function compileStep(
  step: Step,
  path: string,
  placement: 'step' | 'flags',
  issues: Issue[],
): IdentomatStep {
  const out: IdentomatStep = { type: step.type, key: step.key }
  if (step.title !== undefined) out.title = step.title
  if (isQuestionnaireStep(step)) {
    if (step.description !== undefined) out.description = step.description
    if ('successButtonTitle' in step && step.successButtonTitle !== undefined) {
      out.successButtonTitle = step.successButtonTitle
      if (typeof step.successButtonTitle !== 'string')
        issues.push({
          path: `${path}/successButtonTitle`,
          code: 'TARGET_UNSUPPORTED_LOCALIZATION',
          message:
            'Identomat documents successButtonTitle as plain text; translations may not be shown',
          severity: 'warning',
        })
    }
    out.questions = step.questions.map((q, j) =>
      compileQuestion(q, step.questions, `${path}/questions/${j}`, issues),
    )
    return out
  }
  if (step.type === 'video-call' && placement === 'step') {
    for (const option of VIDEO_CALL_OPTIONS) {
      if (step.flags?.[option] !== undefined) out[option] = step.flags[option]
    }
    return out
  }
  if (step.flags !== undefined) out.flags = { ...step.flags }
  return out
}

/**
 * Compiles a flow to the body of Identomat's `begin` call. `company_key` is a placeholder, filled
 * from the provider settings at launch. Compound or non-`equals` conditions are reported, never
 * dropped silently.
 */
export function compileForIdentomat(
  flow: Flow,
  launch: LaunchContext = {},
): CompileResult<IdentomatBeginBody> {
  const issues: Issue[] = []
  const placement = flow.targets?.identomat?.videoCallOptionsPlacement ?? 'step'
  const body: IdentomatBeginBody = { company_key: placeholder('company_key'), flags: {}, steps: [] }
  if (flow.targets?.identomat?.config_id !== undefined)
    body.config_id = flow.targets.identomat.config_id
  body.flags = compileFlags(flow, launch, issues)
  body.steps = flow.steps.map((step, i) => compileStep(step, `/steps/${i}`, placement, issues))
  return { payload: body, issues }
}
