import type { Page } from '@playwright/test'
import { expectAccessible } from '../fixtures/a11y.ts'
import { startApi } from '../fixtures/api-server.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { ReviewSeed, reviewFlow } from '../fixtures/review-seed.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { SessionDetailPage } from '../pages/SessionDetailPage.ts'

/** A reviewer's sign-in on another API than the run's (cookies are the page's). */
async function signInAt(page: Page, origin: string, user: { email: string; password: string }) {
  const response = await page.request.post(`${origin}/api/auth/login`, { data: user })
  expect(response.status(), await response.text()).toBe(200)
}

test.describe('session decisions', () => {
  let seed: ReviewSeed

  test.beforeAll(async () => {
    seed = await ReviewSeed.create()
  })
  test.afterAll(async () => {
    await seed.dispose()
  })

  test('reject needs a reason: a template or free text', async ({ page, loginAs }) => {
    // The installation's default reason templates include "The document has expired".
    const flowId = await seed.publishedFlow(reviewFlow(`Decide reject ${uid()}`))
    const person = await seed.completedSession(flowId, { externalId: `reject-${uid()}` })
    const reviewer = await loginAs('reviewer')
    const detail = new SessionDetailPage(page)
    await detail.goto(person.sessionId)

    await page.getByTestId('decision-choose-rejected').click()
    await expect(detail.reason).toBeFocused()
    await detail.submit.click()
    await expect(page.getByTestId('decision-reason-error')).toHaveText('Give a reason to reject.')
    await expect(detail.reason).toHaveAttribute('aria-invalid', 'true')

    await page.getByTestId('decision-template').selectOption('The document has expired')
    await expect(detail.reason).toHaveValue('The document has expired')
    await detail.reason.fill('The document has expired (March 2025)')
    await expect(detail.submit).toHaveText('Reject session')
    await saveScreenshot(page, 'session-decision-form')
    await detail.submit.click()

    await expect(detail.decisionBadge).toHaveText('Rejected')
    const current = page.getByTestId('decision-current')
    await expect(current).toContainText('Rejected')
    await expect(current).toContainText(`by ${reviewer.email}`)
    await expect(current).toContainText('Reason: The document has expired (March 2025)')
    // Decided is final for a reviewer (the API allows overrides to admins only).
    await expect(page.getByTestId('decision-choose-approved')).toHaveCount(0)
    await expect(page.getByTestId('decision-override')).toHaveCount(0)
    await expect(
      page.getByTestId('timeline-event').filter({ hasText: 'Decided: rejected' }),
    ).toContainText('The document has expired (March 2025)')
    await expectAccessible(page, 'a decided session')
    await saveScreenshot(page, 'session-decided')
    expect(await seed.session(person.sessionId)).toMatchObject({
      decision: 'rejected',
      decisionReason: 'The document has expired (March 2025)',
      decidedBy: reviewer.email,
    })
  })

  test('four-eyes: one reviewer proposes, cannot confirm; a second one confirms', async ({
    page,
    browser,
  }) => {
    // Four-eyes changes every decision of the installation: on an API of this test's own, so
    // no other spec of the run ever sees it on. Starting one takes a while.
    test.setTimeout(180_000)
    const api = await startApi('api-review-four-eyes')
    const own = await ReviewSeed.create(api.baseUrl)
    try {
      await own.setReviewSettings({ fourEyes: true })
      const flowId = await own.publishedFlow(reviewFlow(`Decide four-eyes ${uid()}`))
      const person = await own.completedSession(flowId, { externalId: `four-eyes-${uid()}` })
      const first = await own.user('reviewer', 'First reviewer')
      const second = await own.user('reviewer', 'Second reviewer')
      await signInAt(page, api.baseUrl, first)
      const detail = new SessionDetailPage(page)
      await detail.goto(person.sessionId, '', api.baseUrl)

      await page.getByTestId('decision-choose-resubmission_requested').click()
      await expect(page.getByTestId('decision-four-eyes')).toBeVisible()
      await detail.reason.fill('Upload a sharper photo of the back')
      await expect(detail.submit).toHaveText('Propose: request resubmission')
      await detail.submit.click()

      const pending = page.getByTestId('decision-pending')
      await expect(pending).toContainText('Pending confirmation by a second reviewer')
      await expect(pending).toContainText(`${first.email} proposed to request resubmission`)
      await expect(detail.decisionBadge).toHaveText('Pending confirmation')
      await expect(detail.confirm).toBeDisabled()
      await expect(page.getByTestId('decision-confirm-own')).toContainText(
        'needs a different reviewer',
      )
      await expectAccessible(page, 'a decision pending confirmation')
      await saveScreenshot(page, 'session-four-eyes-pending')

      // The API refuses the proposer even without the button.
      const me = await (await page.request.get(`${api.baseUrl}/api/auth/me`)).json()
      const refused = await page.request.post(
        `${api.baseUrl}/api/sessions/${person.sessionId}/decision/confirm`,
        { headers: { 'X-CSRF-Token': me.data.csrfToken } },
      )
      expect(refused.status()).toBe(403)
      expect((await refused.json()).errors[0].code).toBe('FOUR_EYES_SAME_REVIEWER')

      // A second reviewer, in their own browser, confirms.
      const context = await browser.newContext()
      try {
        const otherPage = await context.newPage()
        await signInAt(otherPage, api.baseUrl, second)
        const other = new SessionDetailPage(otherPage)
        await other.goto(person.sessionId, '', api.baseUrl)
        await expect(other.confirm).toBeEnabled()
        await expect(other.confirm).toHaveText('Confirm: request resubmission')
        await other.confirm.click()
        await expect(other.decisionBadge).toHaveText('Resubmission requested')
        await expect(otherPage.getByTestId('decision-current')).toContainText(`by ${first.email}`)
        await expect(
          otherPage.getByTestId('timeline-event').filter({ hasText: 'Decided' }),
        ).toContainText(`confirmed by ${second.email}`)
        await saveScreenshot(otherPage, 'session-four-eyes-confirmed')
      } finally {
        await context.close()
      }

      // The proposer's page, reloaded, shows the confirmed decision.
      await page.reload()
      await detail.expectLoaded()
      await expect(detail.decisionBadge).toHaveText('Resubmission requested')
      await expect(page.getByTestId('decision-pending')).toHaveCount(0)
    } finally {
      await own.dispose()
      await api.stop()
    }
  })

  test('queue shortcuts: j / k through the list filter, a to approve, never while typing', async ({
    page,
    loginAs,
  }) => {
    const flowId = await seed.publishedFlow(reviewFlow(`Decide queue ${uid()}`))
    const oldest = await seed.completedSession(flowId, { externalId: `queue-a-${uid()}` })
    const middle = await seed.completedSession(flowId, { externalId: `queue-b-${uid()}` })
    const newest = await seed.completedSession(flowId, { externalId: `queue-c-${uid()}` })
    await loginAs('reviewer')
    const detail = new SessionDetailPage(page)
    const query = `flowId=${flowId}&decision=none`
    await detail.goto(newest.sessionId, query)
    await detail.queueSettled()
    await expect(page.getByTestId('queue-previous')).toBeDisabled()
    await expect(page.getByTestId('queue-next')).toBeEnabled()

    await page.keyboard.press('?')
    await expect(page.getByTestId('shortcut-help')).toBeVisible()
    await expect(page.getByTestId('shortcut')).toHaveCount(5)
    await saveScreenshot(page, 'session-shortcuts', { fullPage: false })
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('shortcut-help')).toBeHidden()

    // j: the next (older) session of the same filter; the filter stays in the URL.
    await page.keyboard.press('j')
    await detail.expectLoaded(middle.externalId)
    expect(page.url()).toContain(`/sessions/${middle.sessionId}?${query}`)
    await expect(page.getByTestId('back-to-list')).toHaveAttribute('href', `/sessions?${query}`)

    // r focuses the reason; typing j there types, it does not move on.
    await detail.queueSettled()
    await page.keyboard.press('r')
    await expect(detail.reason).toBeFocused()
    await page.keyboard.type('just a j')
    await expect(detail.reason).toHaveValue('just a j')
    expect(page.url()).toContain(middle.sessionId)

    // a, then Enter: approved.
    await page.getByTestId('session-title').focus()
    await page.keyboard.press('a')
    await expect(detail.submit).toBeFocused()
    await expect(detail.submit).toHaveText('Approve session')
    await page.keyboard.press('Enter')
    await expect(detail.decisionBadge).toHaveText('Approved')

    // The approved session left the filter; j and k still find its neighbours.
    await page.keyboard.press('j')
    await detail.expectLoaded(oldest.externalId)
    await detail.queueSettled()
    await expect(page.getByTestId('queue-next')).toBeDisabled()
    await page.keyboard.press('k')
    await detail.expectLoaded(newest.externalId)
    await expect(page.getByTestId('session-title')).toBeFocused()
    expect((await seed.session(middle.sessionId)).decision).toBe('approved')
  })
})
