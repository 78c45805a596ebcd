import { generateLargeFlow } from '@veriflow/schema/fixtures'
import { describe, expect, it } from 'vitest'
import { diffFlows, diffQuestions, describeCondition, formatValue } from './flow-diff.ts'
import { longestIncreasing, jsonEqual } from './json-equal.ts'
import {
  moveStep,
  insertStep,
  removeStep,
  updateStep,
  withFlag,
  withStepFields,
} from './step-edits.ts'
import { removeQuestion, updateQuestion, withQuestionFields } from './question-edits.ts'
import { sampleFlow, sampleQuestions } from './test-flows.ts'
import type { Flow, QuestionnaireStep } from '@veriflow/schema'

const questionsOf = (doc: Flow) => (doc.steps[1] as QuestionnaireStep).questions

describe('diffFlows', () => {
  it('finds nothing between equal documents', () => {
    const diff = diffFlows(sampleFlow(), sampleFlow())
    expect(diff.identical).toBe(true)
    expect(diff.counts).toEqual({ added: 0, removed: 0, moved: 0, changed: 0 })
  })

  it('reports added and removed steps with their positions', () => {
    const before = sampleFlow()
    const after = insertStep(removeStep(before, 's_doc'), 'email', 1).doc
    const diff = diffFlows(before, after)
    expect(diff.steps.map((s) => [s.key, s.kind, s.from, s.to])).toEqual([
      ['require_email', 'added', undefined, 2],
      ['identity-document', 'removed', 1, undefined],
    ])
    expect(diff.counts).toMatchObject({ added: 1, removed: 1, moved: 0 })
  })

  it('reports only the step that moved, not the ones it jumped over', () => {
    const before = sampleFlow()
    const diff = diffFlows(before, moveStep(before, 2, 0))
    expect(diff.steps.map((s) => [s.key, s.moved, s.from, s.to])).toEqual([
      ['liveness', true, 3, 1],
    ])
    expect(diff.counts.moved).toBe(1)
  })

  it('reports changed keys and flags by label', () => {
    const before = sampleFlow()
    let after = updateStep(before, 's_live', (s) => withFlag(s, 'liveness', false, false))
    after = updateStep(after, 's_live', (s) => withFlag(s, 'allow_face_upload', true, false))
    after = updateStep(after, 's_doc', (s) => withStepFields(s, { key: 'passport' }))
    const diff = diffFlows(before, after)
    expect(diff.steps.find((s) => s.id === 's_live')!.changes).toEqual([
      { path: 'flags.liveness', label: 'Active liveness', before: 'true', after: '(not set)' },
      {
        path: 'flags.allow_face_upload',
        label: 'Allow selfie upload',
        before: '(not set)',
        after: 'true',
      },
    ])
    expect(diff.steps.find((s) => s.id === 's_doc')!.changes).toEqual([
      { path: 'key', label: 'Key', before: '"identity-document"', after: '"passport"' },
    ])
  })

  it('goes down to questions, options, preset answers and conditions', () => {
    const before = sampleFlow()
    const edited = updateQuestion(
      removeQuestion(questionsOf(before), 'q_employer'),
      'q_income',
      (q) => withQuestionFields(q, { answer: ['o_gifts'], mandatory: true }),
    )
    const after = updateStep(before, 's_q', (s) => ({ ...s, questions: edited }) as typeof s)
    const step = diffFlows(before, after).steps[0]!
    expect(step.key).toBe('source_of_funds')
    expect(step.questions.map((q) => [q.key, q.kind])).toEqual([
      ['income', 'changed'],
      ['employer', 'removed'],
    ])
    const labels = step.questions[0]!.changes.map((c) => c.label)
    expect(labels).toEqual(['Mandatory', 'Preset answer', 'Condition'])
    const condition = step.questions[0]!.changes[2]!
    expect(condition.before).toBe(
      'any of: Employment is one of Employed, Other or employer is answered',
    )
    expect(condition.after).toBe('any of: Employment is one of Employed, Other')
    expect(step.questions[0]!.changes[1]).toMatchObject({ before: 'salary', after: 'gifts' })
  })

  it('reports option additions, renames and order', () => {
    const before = sampleQuestions()
    const after = updateQuestion(before, 'q_emp', (q) =>
      withQuestionFields(q, {
        options: [
          { id: 'o_other', key: 'something_else', title: { en: 'Other' } },
          { id: 'o_employed', key: 'employed', title: { en: 'Employed' } },
          { id: 'o_new', key: 'retired' },
        ],
      }),
    )
    const changes = diffQuestions(before, after)[0]!.changes.map((c) => [
      c.label,
      c.before,
      c.after,
    ])
    expect(changes).toEqual([
      ['Option "Other" key', '"other"', '"something_else"'],
      ['Option added', '(not set)', 'retired'],
      ['Option order', 'employed, other', 'something_else, employed, retired'],
    ])
  })

  it('reports settings, languages and target options', () => {
    const before = sampleFlow()
    const after: Flow = {
      ...before,
      name: 'Renamed',
      languages: ['en'],
      settings: { qr: { allow: true } },
      targets: { ...before.targets, identomat: { enabled: true } },
    }
    expect(diffFlows(before, after).flow.map((c) => c.path)).toEqual([
      'name',
      'languages',
      'settings.qr',
      'targets.identomat.enabled',
    ])
  })

  it('diffs a 200-step flow quickly', () => {
    const before = generateLargeFlow({ steps: 200, questions: 2000 })
    const after = moveStep(before, 150, 3)
    const started = performance.now()
    const diff = diffFlows(before, after)
    expect(performance.now() - started).toBeLessThan(500)
    expect(diff.counts).toEqual({ added: 0, removed: 0, moved: 1, changed: 0 })
  })
})

describe('helpers', () => {
  it('formats values', () => {
    expect(formatValue(undefined)).toBe('(not set)')
    expect(formatValue(['GEO', 'ARM'])).toBe('"GEO", "ARM"')
    expect(formatValue({ en: 'Hi' })).toBe('en: "Hi"')
    expect(formatValue(false)).toBe('false')
  })

  it('describes conditions', () => {
    expect(describeCondition(undefined, [], 'en')).toBe('always shown')
  })

  it('compares JSON regardless of key order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true)
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true)
    expect(jsonEqual([1], { 0: 1 })).toBe(false)
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false)
  })

  it('finds a longest increasing subsequence', () => {
    expect([...longestIncreasing([2, 0, 1, 3])].sort()).toEqual([1, 2, 3])
    expect(longestIncreasing([]).size).toBe(0)
  })
})
