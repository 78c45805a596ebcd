import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app/http.ts'
import type { Reviewer } from '../lib/decision-rules.ts'
import * as api from '../review.api.ts'
import type { ReviewSettings, SessionDetail } from '../review.api.ts'
import { useReviewStore } from '../review.store.ts'
import { sessionDetail, signedInAs } from '../test-support.ts'
import DecisionPanel from './DecisionPanel.vue'

vi.mock('../review.api.ts')

const SETTINGS: ReviewSettings = {
  fourEyes: false,
  reasonTemplates: {
    approved: [],
    rejected: ['The document is expired', 'The photo does not match'],
    resubmission_requested: ['Upload a sharper photo'],
  },
}
const ME: Reviewer = { userId: 'u-me', canDecide: true, isAdmin: false }
const PROPOSAL = {
  decision: 'rejected' as const,
  reason: 'The document is expired',
  override: false,
  proposedBy: { userId: 'u-me', label: 'me@example.com' },
  proposedAt: '2026-03-05T10:05:00.000Z',
}

const mounted: Array<{ unmount(): void }> = []
afterEach(() => {
  mounted.splice(0).forEach((w) => w.unmount())
  vi.resetAllMocks()
})

beforeEach(() => {
  signedInAs('reviewer', undefined, 'u-me')
  vi.mocked(api.fetchSession).mockReturnValue(new Promise(() => {}))
})

async function render(
  session: SessionDetail = sessionDetail(),
  settings: ReviewSettings = SETTINGS,
  reviewer: Reviewer = ME,
) {
  const store = useReviewStore()
  store.detail = session
  const wrapper = mount(DecisionPanel, {
    props: { session, settings, reviewer },
    attachTo: document.body,
  })
  mounted.push(wrapper)
  await flushPromises()
  return wrapper
}

const state = (over: Partial<api.DecisionState> = {}): api.DecisionState => ({
  sessionId: 's-1',
  decision: null,
  reason: null,
  decidedBy: null,
  decidedAt: null,
  pendingDecision: null,
  ...over,
})

describe('DecisionPanel', () => {
  it('asks for a reason to reject before anything is sent, on the reason field', async () => {
    const wrapper = await render()
    await wrapper.get('[data-testid="decision-choose-rejected"]').trigger('click')
    const reason = wrapper.get('[data-testid="decision-reason"]')
    expect(document.activeElement).toBe(reason.element)
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid="decision-reason-error"]').text()).toBe(
      'Give a reason to reject.',
    )
    expect(reason.attributes('aria-invalid')).toBe('true')
    expect(api.decide).not.toHaveBeenCalled()
  })

  it('fills the reason from the admin’s template and sends the decision', async () => {
    vi.mocked(api.decide).mockResolvedValue(
      state({ decision: 'rejected', reason: 'The photo does not match', decidedBy: 'me' }),
    )
    const wrapper = await render()
    await wrapper.get('[data-testid="decision-choose-rejected"]').trigger('click')
    await wrapper.get('[data-testid="decision-template"]').setValue('The photo does not match')
    expect(
      (wrapper.get('[data-testid="decision-reason"]').element as HTMLTextAreaElement).value,
    ).toBe('The photo does not match')
    expect(wrapper.get('[data-testid="decision-submit"]').text()).toBe('Reject session')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.decide).toHaveBeenCalledWith('s-1', {
      decision: 'rejected',
      reason: 'The photo does not match',
    })
  })

  it('approves without a reason; the approve shortcut focuses the button that sends it', async () => {
    vi.mocked(api.decide).mockResolvedValue(state({ decision: 'approved' }))
    const wrapper = await render()
    const panel = wrapper.vm as unknown as { choose: (d: string) => Promise<boolean> }
    expect(await panel.choose('approved')).toBe(true)
    await flushPromises()
    expect(document.activeElement).toBe(wrapper.get('[data-testid="decision-submit"]').element)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(api.decide).toHaveBeenCalledWith('s-1', { decision: 'approved' })
  })

  it('shows the API’s refusal and puts a reason issue on the field', async () => {
    vi.mocked(api.decide).mockRejectedValue(
      new ApiError(400, 'REASON_REQUIRED', 'give a reason', [
        { code: 'REASON_REQUIRED', message: 'give a reason', path: '/reason' },
      ]),
    )
    const wrapper = await render()
    await wrapper.get('[data-testid="decision-choose-approved"]').trigger('click')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="decision-reason-error"]').text()).toBe('Give a reason.')
  })

  it('with four-eyes on, says that the decision is a proposal', async () => {
    const wrapper = await render(sessionDetail(), { ...SETTINGS, fourEyes: true })
    await wrapper.get('[data-testid="decision-choose-resubmission_requested"]').trigger('click')
    expect(wrapper.get('[data-testid="decision-submit"]').text()).toBe(
      'Propose: request resubmission',
    )
    expect(wrapper.find('[data-testid="decision-four-eyes"]').exists()).toBe(true)
  })

  it('lets the proposer see, not confirm, their own proposal', async () => {
    const wrapper = await render(sessionDetail({ pendingDecision: PROPOSAL }))
    expect(wrapper.get('[data-testid="decision-pending"]').text()).toContain(
      'Pending confirmation by a second reviewer',
    )
    const confirm = wrapper.get('[data-testid="decision-confirm"]')
    expect(confirm.attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="decision-confirm-own"]').text()).toMatch(/different reviewer/)
    expect(confirm.attributes('aria-describedby')).toBe(
      wrapper.get('[data-testid="decision-confirm-own"]').attributes('id'),
    )
  })

  it('lets a second reviewer confirm, and shows the API’s error if it refuses', async () => {
    vi.mocked(api.confirmDecision).mockRejectedValueOnce(
      new ApiError(403, 'FOUR_EYES_SAME_REVIEWER', 'a different reviewer must confirm', []),
    )
    const other: Reviewer = { ...ME, userId: 'u-other' }
    const wrapper = await render(sessionDetail({ pendingDecision: PROPOSAL }), SETTINGS, other)
    const confirm = wrapper.get('[data-testid="decision-confirm"]')
    expect(confirm.attributes('disabled')).toBeUndefined()
    await confirm.trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="decision-error"]').text()).toMatch(
      /different reviewer must confirm/,
    )
    vi.mocked(api.confirmDecision).mockResolvedValueOnce(
      state({ decision: 'rejected', reason: PROPOSAL.reason, decidedBy: 'me@example.com' }),
    )
    await confirm.trigger('click')
    await flushPromises()
    expect(api.confirmDecision).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="decision-error"]').exists()).toBe(false)
  })

  it('shows a decision as final to reviewers; an admin may change it (override)', async () => {
    const decided = sessionDetail({
      decision: 'approved',
      decidedBy: 'ann@example.com',
      decidedAt: '2026-03-05T10:09:00.000Z',
    })
    const wrapper = await render(decided)
    expect(wrapper.get('[data-testid="decision-current"]').text()).toContain('Approved')
    expect(wrapper.get('[data-testid="decision-current"]').text()).toContain('ann@example.com')
    expect(wrapper.find('form').exists()).toBe(false)
    expect(wrapper.find('[data-testid="decision-override"]').exists()).toBe(false)
    const panel = wrapper.vm as unknown as { choose: (d: string) => Promise<boolean> }
    expect(await panel.choose('rejected')).toBe(false)

    vi.mocked(api.decide).mockResolvedValue(state({ decision: 'rejected' }))
    const asAdmin = await render(decided, SETTINGS, { ...ME, isAdmin: true })
    await asAdmin.get('[data-testid="decision-override"]').trigger('click')
    await asAdmin.get('[data-testid="decision-choose-rejected"]').trigger('click')
    await asAdmin.get('[data-testid="decision-reason"]').setValue('Fraud found later')
    await asAdmin.get('form').trigger('submit')
    await flushPromises()
    expect(api.decide).toHaveBeenCalledWith('s-1', {
      decision: 'rejected',
      reason: 'Fraud found later',
      override: true,
    })
  })

  it('has nothing to decide while the person is verifying, and nothing for readers', async () => {
    const unfinished = await render(sessionDetail({ status: 'started' }))
    expect(unfinished.find('[data-testid="decision-unfinished"]').exists()).toBe(true)
    expect(unfinished.find('form').exists()).toBe(false)
    const reader = await render(sessionDetail(), SETTINGS, { ...ME, canDecide: false })
    expect(reader.find('[data-testid="decision-read-only"]').exists()).toBe(true)
    expect(reader.find('form').exists()).toBe(false)
  })
})
