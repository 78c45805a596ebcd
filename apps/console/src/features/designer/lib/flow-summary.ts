import { TARGET_NAMES, isQuestionnaireStep, type Flow } from '@veriflow/schema'

/** A few facts to tell two versions of a flow apart (conflict dialog, version list). */
export interface FlowSummary {
  name: string
  steps: number
  questions: number
  languages: string[]
  targets: string[]
}

export function summarizeFlow(doc: Flow): FlowSummary {
  let questions = 0
  for (const step of doc.steps)
    if (isQuestionnaireStep(step) && Array.isArray(step.questions))
      questions += step.questions.length
  return {
    name: doc.name,
    steps: doc.steps.length,
    questions,
    languages: [...doc.languages],
    targets: TARGET_NAMES.filter((name) => doc.targets?.[name]?.enabled === true),
  }
}

/** "7 steps · 23 questions · en, ka · identomat, sandbox" */
export function summaryLine(summary: FlowSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  return [
    plural(summary.steps, 'step'),
    plural(summary.questions, 'question'),
    summary.languages.join(', '),
    summary.targets.length > 0 ? summary.targets.join(', ') : 'no target enabled',
  ].join(' · ')
}
