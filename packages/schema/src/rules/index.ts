import type { Issue } from '../issue.ts'
import { conditions } from './conditions.rule.ts'
import { isRecord, RuleContext, type Rule } from './context.ts'
import { countryCodes } from './countries.rule.ts'
import { localizedTexts } from './localized-text.rule.ts'
import {
  faceUploadWithActiveLiveness,
  flowHasSteps,
  identomatSkipFlags,
  restrictedSharingHidesQr,
} from './provider-traps.rule.ts'
import { questionShapes } from './questions.rule.ts'
import { uniqueIds, uniqueQuestionnaireKeys, uniqueStepKeys } from './unique-keys.rule.ts'
import { urls } from './urls.rule.ts'

/** Every semantic rule, in the order their issues are reported. Each is linear in the document. */
export const RULES: readonly Rule[] = [
  uniqueIds,
  uniqueStepKeys,
  uniqueQuestionnaireKeys,
  questionShapes,
  conditions,
  countryCodes,
  localizedTexts,
  urls,
  faceUploadWithActiveLiveness,
  restrictedSharingHidesQr,
  identomatSkipFlags,
  flowHasSteps,
]

/** Runs the semantic rules on any JSON value, appending to `issues`. */
export function runRules(doc: unknown, issues: Issue[]): void {
  if (!isRecord(doc)) return
  const ctx = new RuleContext(doc, issues)
  for (const rule of RULES) rule(ctx)
}
