import { appendPointer } from '../json-pointer.ts'
import {
  isRecord,
  optionPath,
  questionPath,
  stepPath,
  type Rule,
  type RuleContext,
} from './context.ts'

const STEP_TEXTS = ['title', 'description', 'successButtonTitle'] as const

/** Where a text sits (step field, question title or option title); the path is built on demand. */
interface TextAt {
  i: number
  j: number
  k: number
  field: string
}

function textPath({ i, j, k, field }: TextAt): string {
  if (j < 0) return `${stepPath(i)}/${field}`
  return `${k < 0 ? questionPath(i, j) : optionPath(i, j, k)}/${field}`
}

/** True when every key of `text` is one of the flow's languages and all of them are present. */
function isComplete(text: Record<string, unknown>, languages: readonly string[]): boolean {
  let count = 0
  for (const lang in text) {
    if (!languages.includes(lang)) return false
    count++
  }
  return count === languages.length
}

function checkText(ctx: RuleContext, text: Record<string, unknown>, at: TextAt): void {
  const languages = ctx.languages
  if (isComplete(text, languages)) return
  const path = textPath(at)
  for (const lang of Object.keys(text)) {
    if (!languages.includes(lang))
      ctx.report(
        appendPointer(path, lang),
        'LOCALIZED_TEXT_UNKNOWN_LANGUAGE',
        `"${lang}" is not one of the flow's languages (${languages.join(', ')})`,
      )
  }
  const defaultLanguage = languages[0]
  if (defaultLanguage !== undefined && !(defaultLanguage in text))
    ctx.report(
      path,
      'LOCALIZED_TEXT_DEFAULT_MISSING',
      `the default language "${defaultLanguage}" is missing`,
    )
  const missing = languages.filter((lang, n) => n > 0 && !(lang in text))
  if (missing.length > 0)
    ctx.report(
      path,
      'LOCALIZED_TEXT_TRANSLATION_MISSING',
      `no translation for: ${missing.join(', ')}`,
      'warning',
    )
}

/** Translations use only the flow's languages and always include the default one. */
export const localizedTexts: Rule = (ctx) => {
  for (let i = 0; i < ctx.steps.length; i++) {
    const step = ctx.step(i)
    if (!step) continue
    for (const field of STEP_TEXTS) {
      const text = step[field]
      if (isRecord(text)) checkText(ctx, text, { i, j: -1, k: -1, field })
    }
    if (!Array.isArray(step.questions)) continue
    for (let j = 0; j < step.questions.length; j++) {
      const question = step.questions[j]
      if (!isRecord(question)) continue
      if (isRecord(question.title)) checkText(ctx, question.title, { i, j, k: -1, field: 'title' })
      if (!Array.isArray(question.options)) continue
      for (let k = 0; k < question.options.length; k++) {
        const option = question.options[k]
        if (isRecord(option) && isRecord(option.title))
          checkText(ctx, option.title, { i, j, k, field: 'title' })
      }
    }
  }
}
