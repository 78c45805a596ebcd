import {
  isQuestionnaireStep,
  type Condition,
  type Question,
  type QuestionOption,
  type QuestionType,
} from '@veriflow/schema'
import { useDesignerStore } from '../designer.store.ts'
import { moveItem } from '../lib/list.ts'
import { insertOption, moveOption, removeOption, updateOption } from '../lib/option-edits.ts'
import {
  duplicateQuestion,
  insertQuestion,
  removeQuestion,
  updateQuestion,
  withQuestionFields,
} from '../lib/question-edits.ts'
import { changeQuestionType } from '../lib/question-type.ts'
import { updateStep, withStepFields } from '../lib/step-edits.ts'

/**
 * The edits of one questionnaire step, each one undo entry (typing in one field is one entry
 * per burst). Components call these; the logic is in lib/.
 */
export function useQuestionnaireEditing(stepId: () => string) {
  const store = useDesignerStore()

  function questions(): Question[] {
    const step = store.doc?.steps.find((s) => s.id === stepId())
    return step && isQuestionnaireStep(step) ? step.questions : []
  }

  function editQuestions(change: (questions: Question[]) => Question[], group?: string): void {
    store.edit(
      (doc) =>
        updateStep(doc, stepId(), (step) => {
          if (!isQuestionnaireStep(step)) return step
          const next = change(step.questions)
          return next === step.questions ? step : withStepFields(step, { questions: next })
        }),
      group,
    )
  }

  const language = () => store.doc?.languages[0] ?? 'en'

  return {
    questions,
    addQuestion(type: QuestionType = 'string', index?: number): Question | null {
      const { questions: next, question } = insertQuestion(questions(), type, index)
      editQuestions(() => next)
      store.select(stepId(), question.id)
      store.announce(`Added question ${question.key}`)
      return question
    },
    moveQuestion(from: number, to: number): void {
      const question = questions()[from]
      editQuestions((qs) => moveItem(qs, from, to))
      if (question) store.announce(`Moved ${question.key} to position ${to + 1}`)
    },
    duplicateQuestion(id: string): void {
      const { questions: next, question } = duplicateQuestion(questions(), id)
      if (!question) return
      editQuestions(() => next)
      store.select(stepId(), question.id)
    },
    /** Removes the question and the condition clauses that referred to it (one undo entry). */
    removeQuestion(id: string): void {
      const question = questions().find((q) => q.id === id)
      editQuestions((qs) => removeQuestion(qs, id))
      if (store.selectedQuestionId === id) store.select(stepId(), null)
      if (question) store.announce(`Deleted question ${question.key}`)
    },
    setQuestionFields(id: string, fields: Partial<Question>, group?: string): void {
      editQuestions((qs) => updateQuestion(qs, id, (q) => withQuestionFields(q, fields)), group)
    },
    setCondition(id: string, showWhen: Condition | undefined, group?: string): void {
      editQuestions(
        (qs) => updateQuestion(qs, id, (q) => withQuestionFields(q, { showWhen })),
        group,
      )
    },
    changeType(id: string, type: QuestionType): void {
      editQuestions((qs) => changeQuestionType(qs, id, type, language()))
    },
    addOption(questionId: string): void {
      editQuestions((qs) => insertOption(qs, questionId).questions)
    },
    moveOption(questionId: string, from: number, to: number): void {
      editQuestions((qs) => moveOption(qs, questionId, from, to))
    },
    setOptionFields(
      questionId: string,
      optionId: string,
      fields: Partial<QuestionOption>,
      group?: string,
    ): void {
      editQuestions((qs) => updateOption(qs, questionId, optionId, fields), group)
    },
    /** Removes the option with its uses in presets and conditions (one undo entry). */
    removeOption(questionId: string, optionId: string): void {
      editQuestions((qs) => removeOption(qs, questionId, optionId))
    },
  }
}

export type QuestionnaireEditing = ReturnType<typeof useQuestionnaireEditing>
