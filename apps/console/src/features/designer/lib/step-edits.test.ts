import { isQuestionnaireStep, validateFlow, type Flow } from '@veriflow/schema'
import { describe, expect, it } from 'vitest'
import {
  createStep,
  duplicateStep,
  insertStep,
  moveStep,
  removeStep,
  updateStep,
  withFlag,
  withStepFields,
} from './step-edits.ts'
import { sampleFlow } from './test-flows.ts'

const keys = (doc: Flow) => doc.steps.map((s) => s.key)

describe('createStep and insertStep', () => {
  it('uses the documented default key, made unique', () => {
    expect(createStep('email', new Set()).key).toBe('require_email')
    expect(createStep('liveness', new Set(['liveness'])).key).toBe('liveness_2')
    const q = createStep('user-questionnaire', new Set())
    expect(isQuestionnaireStep(q) && q.questions).toEqual([])
  })

  it('inserts at any position without touching the other steps', () => {
    const doc = sampleFlow()
    const { doc: next, step } = insertStep(doc, 'email', 1)
    expect(keys(next)).toEqual([
      'identity-document',
      'require_email',
      'source_of_funds',
      'liveness',
    ])
    expect(next.steps[0]).toBe(doc.steps[0])
    expect(step.id).toMatch(/^s_/)
    expect(doc.steps).toHaveLength(3)
    expect(validateFlow(next).valid).toBe(true)
  })

  it('appends without an index', () => {
    expect(keys(insertStep(sampleFlow(), 'liveness').doc).at(-1)).toBe('liveness_2')
  })
})

describe('moveStep', () => {
  it('reorders and keeps step identity', () => {
    const doc = sampleFlow()
    const next = moveStep(doc, 2, 0)
    expect(keys(next)).toEqual(['liveness', 'identity-document', 'source_of_funds'])
    expect(next.steps[0]).toBe(doc.steps[2])
  })

  it('is the same document when nothing moves', () => {
    const doc = sampleFlow()
    expect(moveStep(doc, 1, 1)).toBe(doc)
  })
})

describe('duplicateStep', () => {
  it('gives the copy new ids, a unique key, and remaps its conditions and answers', () => {
    const doc = sampleFlow()
    const { doc: next, step } = duplicateStep(doc, 's_q')
    expect(keys(next)).toEqual([
      'identity-document',
      'source_of_funds',
      'source_of_funds_copy',
      'liveness',
    ])
    if (!step || !isQuestionnaireStep(step)) throw new Error('expected a questionnaire copy')
    expect(step.id).not.toBe('s_q')
    const [emp, employer, income] = step.questions
    expect(emp!.id).not.toBe('q_emp')
    expect(emp!.options![0]!.id).not.toBe('o_employed')
    expect(employer!.showWhen).toEqual({
      all: [{ question: emp!.id, op: 'equals', value: emp!.options![0]!.id }],
    })
    expect(income!.answer).toEqual([income!.options![0]!.id])
    expect(income!.showWhen!.any![1]).toEqual({ question: employer!.id, op: 'answered' })
    expect(validateFlow(next).issues.filter((i) => i.severity === 'error')).toEqual([])
  })

  it('numbers further copies', () => {
    const once = duplicateStep(sampleFlow(), 's_live').doc
    expect(keys(duplicateStep(once, 's_live').doc)).toContain('liveness_copy_2')
  })

  it('ignores an unknown step', () => {
    const doc = sampleFlow()
    expect(duplicateStep(doc, 'nope')).toEqual({ doc, step: null })
  })
})

describe('removeStep and updateStep', () => {
  it('removes by id', () => {
    expect(keys(removeStep(sampleFlow(), 's_q'))).toEqual(['identity-document', 'liveness'])
  })

  it('replaces one step and keeps the others', () => {
    const doc = sampleFlow()
    const next = updateStep(doc, 's_doc', (s) => withStepFields(s, { key: 'id_doc' }))
    expect(next.steps[0]!.key).toBe('id_doc')
    expect(next.steps[1]).toBe(doc.steps[1])
    expect(updateStep(doc, 's_doc', (s) => s)).toBe(doc)
  })

  it('removes fields set to undefined', () => {
    const step = withStepFields(
      { id: 's', type: 'email', key: 'e', title: 'T' },
      { title: undefined },
    )
    expect(step).toEqual({ id: 's', type: 'email', key: 'e' })
  })
})

describe('withFlag', () => {
  it('sets a flag and removes it again at its default', () => {
    const step = { id: 's', type: 'liveness' as const, key: 'l' }
    const on = withFlag(step, 'liveness', true, false)
    expect(on).toEqual({ ...step, flags: { liveness: true } })
    expect(withFlag(on, 'liveness', false, false)).toEqual(step)
  })

  it('removes emptied lists', () => {
    const step = {
      id: 's',
      type: 'identity-document' as const,
      key: 'd',
      flags: { document_countries: ['GEO'], allow_document_upload: true },
    }
    expect(withFlag(step, 'document_countries', [], [])).toEqual({
      ...step,
      flags: { allow_document_upload: true },
    })
  })
})
