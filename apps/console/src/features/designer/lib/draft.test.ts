import { describe, expect, it } from 'vitest'
import { toEditableFlow } from './draft.ts'
import { summarizeFlow, summaryLine } from './flow-summary.ts'
import { currentQrBehaviour } from './qr-behaviour.ts'
import { sampleFlow } from './test-flows.ts'

describe('toEditableFlow', () => {
  it('returns a sound draft untouched', () => {
    const doc = sampleFlow()
    expect(toEditableFlow(doc)).toEqual({ doc, repairs: [] })
    expect(toEditableFlow(doc).doc).toBe(doc)
  })

  it('fills in only what the editor cannot do without', () => {
    const { doc, repairs } = toEditableFlow({
      name: 'X',
      steps: [{ type: 'email', key: 'e' }],
      extra: 1,
    })
    expect(repairs).toEqual(['schemaVersion', 'languages', 'steps/0/id'])
    expect(doc).toMatchObject({ name: 'X', languages: ['en'], extra: 1 })
    expect(doc.steps[0]).toMatchObject({
      type: 'email',
      key: 'e',
      id: expect.stringMatching(/^s_/),
    })
    expect(toEditableFlow(null).doc).toMatchObject({ steps: [], name: 'Untitled flow' })
  })

  it('gives questionnaires a question list and their questions ids', () => {
    const { doc, repairs } = toEditableFlow({
      ...sampleFlow(),
      steps: [
        { id: 's1', type: 'user-questionnaire', key: 'a' },
        { id: 's2', type: 'operator-questionnaire', key: 'b', questions: [{ key: 'q' }] },
      ],
    })
    expect(repairs).toEqual(['steps/0/questions', 'steps/1/questions/0/id'])
    expect(doc.steps[0]).toMatchObject({ questions: [] })
    expect(doc.steps[1]).toMatchObject({
      questions: [{ key: 'q', id: expect.stringMatching(/^q_/) }],
    })
  })
})

describe('summaries', () => {
  it('summarises a flow in one line', () => {
    expect(summaryLine(summarizeFlow(sampleFlow()))).toBe(
      '3 steps · 3 questions · en, ka · sandbox',
    )
  })

  it('picks the QR truth-table row', () => {
    expect(currentQrBehaviour(undefined).behaviour).toMatch(/disabled/)
    expect(currentQrBehaviour({ allow: true }).behaviour).toMatch(/no camera/)
    expect(currentQrBehaviour({ force: true }).behaviour).toMatch(/always/)
  })
})
