import type { Step } from '@veriflow/schema'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../app/http.ts'
import * as api from './review.api.ts'
import { useReviewStore } from './review.store.ts'
import { sessionDetail, signedInAs } from './test-support.ts'

vi.mock('./review.api.ts')

const OPERATOR = {
  id: 's_ops',
  type: 'operator-questionnaire',
  key: 'checks',
  questions: [
    { id: 'q_docs', type: 'options', key: 'docs', title: 'Docs?', options: [] },
    { id: 'q_problem', type: 'string', key: 'problem', title: 'Problem?' },
  ],
} as unknown as Step

const apiError = (status: number, code: string) =>
  new ApiError(status, code, code.toLowerCase(), [{ code, message: code.toLowerCase() }])

/** A promise the test settles when it wants (no timers). */
function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

beforeEach(() => {
  signedInAs('reviewer')
  vi.mocked(api.fetchSession).mockImplementation(async (id, lang) =>
    sessionDetail({ id, language: lang ?? 'en' }),
  )
  vi.mocked(api.fetchReviewSettings).mockResolvedValue({
    fourEyes: false,
    reasonTemplates: { approved: [], rejected: ['Blurry'], resubmission_requested: [] },
  })
  vi.mocked(api.fetchFlowSteps).mockResolvedValue([OPERATOR])
})

afterEach(() => {
  vi.resetAllMocks()
})

describe('review store', () => {
  it('opens a session, then reads the review settings and the operator questionnaire', async () => {
    const store = useReviewStore()
    await store.open('s-1')
    expect(store.status).toBe('ready')
    expect(store.detail?.externalUserId).toBe('seller-42')
    await vi.waitFor(() => expect(store.operatorStatus).toBe('ready'))
    expect(api.fetchFlowSteps).toHaveBeenCalledWith('f-1', 3)
    expect(store.operator.map((s) => s.id)).toEqual(['s_ops'])
    await vi.waitFor(() => expect(store.settings?.reasonTemplates.rejected).toEqual(['Blurry']))
  })

  it('says not found, forbidden or failed', async () => {
    const store = useReviewStore()
    vi.mocked(api.fetchSession).mockRejectedValueOnce(apiError(404, 'SESSION_NOT_FOUND'))
    await store.open('nope')
    expect(store.status).toBe('not-found')
    vi.mocked(api.fetchSession).mockRejectedValueOnce(apiError(403, 'FORBIDDEN'))
    await store.open('nope')
    expect(store.status).toBe('forbidden')
    vi.mocked(api.fetchSession).mockRejectedValueOnce(apiError(0, 'NETWORK_ERROR'))
    await store.open('nope')
    expect(store.status).toBe('error')
    expect(store.error).toBeInstanceOf(ApiError)
  })

  it('shows the texts in the session’s language, then in the one the reviewer picks', async () => {
    vi.mocked(api.fetchSession).mockImplementation(async (id, lang) =>
      sessionDetail({ id, language: lang ?? 'en', sessionLanguage: 'ka' }),
    )
    const store = useReviewStore()
    await store.open('s-1')
    expect(store.detail?.language).toBe('ka')
    await store.setLanguage('en')
    expect(api.fetchSession).toHaveBeenLastCalledWith('s-1', 'en')
    expect(store.detail?.language).toBe('en')
  })

  it('drops a late answer for a session no longer on screen, and never shows the old one', async () => {
    const first = deferred<ReturnType<typeof sessionDetail>>()
    vi.mocked(api.fetchSession).mockImplementationOnce(() => first.promise)
    const store = useReviewStore()
    const opening = store.open('s-old')
    const second = store.open('s-new')
    expect(store.detail).toBeNull()
    await second
    first.resolve(sessionDetail({ id: 's-old' }))
    await opening
    expect(store.detail?.id).toBe('s-new')
  })

  it('applies a decision, and a four-eyes proposal, from the API’s answer', async () => {
    const store = useReviewStore()
    await store.open('s-1')
    // The reload after the decision has not answered yet: the API's answer shows at once.
    vi.mocked(api.fetchSession).mockReturnValue(new Promise(() => {}))
    vi.mocked(api.decide).mockResolvedValue({
      sessionId: 's-1',
      decision: null,
      reason: null,
      decidedBy: null,
      decidedAt: null,
      pendingDecision: {
        decision: 'rejected',
        reason: 'Blurry',
        override: false,
        proposedBy: { userId: 'u-reviewer', label: 'me' },
        proposedAt: '2026-03-05T10:00:00.000Z',
      },
    })
    await store.decide({ decision: 'rejected', reason: 'Blurry' })
    expect(api.decide).toHaveBeenCalledWith('s-1', { decision: 'rejected', reason: 'Blurry' })
    expect(store.detail?.pendingDecision?.decision).toBe('rejected')
    vi.mocked(api.confirmDecision).mockRejectedValue(apiError(403, 'FOUR_EYES_SAME_REVIEWER'))
    await expect(store.confirm()).rejects.toMatchObject({ code: 'FOUR_EYES_SAME_REVIEWER' })
    expect(store.detail?.pendingDecision).not.toBeNull()
  })

  it('saves operator answers for one step and keeps what the API stored', async () => {
    const store = useReviewStore()
    await store.open('s-1')
    vi.mocked(api.saveOperatorAnswers).mockResolvedValue({ s_ops: { q_docs: 'o_yes' } })
    vi.mocked(api.fetchSession).mockResolvedValue(
      sessionDetail({ operatorAnswers: { s_ops: { q_docs: 'o_yes' } } }),
    )
    await store.saveOperatorAnswers('s_ops', { q_docs: 'o_yes' })
    expect(api.saveOperatorAnswers).toHaveBeenCalledWith('s-1', { s_ops: { q_docs: 'o_yes' } })
    expect(store.detail?.operatorAnswers).toEqual({ s_ops: { q_docs: 'o_yes' } })
  })

  it('does not offer the questionnaire of a draft that changed since the test launch', async () => {
    vi.mocked(api.fetchSession).mockResolvedValue(
      sessionDetail({ isTest: true, flow: { id: 'f-1', name: 'Draft', version: null } }),
    )
    vi.mocked(api.fetchFlowSteps).mockResolvedValue([])
    const store = useReviewStore()
    await store.open('s-1')
    await vi.waitFor(() => expect(store.operatorStatus).toBe('changed'))
    expect(api.fetchFlowSteps).toHaveBeenCalledWith('f-1', null)
  })
})
