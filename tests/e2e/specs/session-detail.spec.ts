import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { ReviewSeed, reviewFlow } from '../fixtures/review-seed.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { SessionDetailPage } from '../pages/SessionDetailPage.ts'

test.describe('session detail', () => {
  let seed: ReviewSeed
  test.beforeAll(async () => {
    seed = await ReviewSeed.create()
  })
  test.afterAll(async () => {
    await seed.dispose()
  })

  test('answers with why each question showed, the captures in a viewer, the provider result', async ({
    page,
    loginAs,
  }) => {
    const flowId = await seed.publishedFlow(reviewFlow(`Review detail ${uid()}`))
    const person = await seed.completedSession(flowId, { externalId: `seller-${uid()}` })
    await loginAs('reviewer')
    const detail = new SessionDetailPage(page)
    await detail.goto(person.sessionId)
    await detail.expectLoaded(person.externalId)

    await expect(detail.status).toHaveText('Completed')
    await expect(page.getByTestId('session-outcome')).toHaveText('Review needed')
    await expect(detail.decisionBadge).toHaveText('Not decided')
    await expect(page.getByTestId('session-flow-link')).toHaveAttribute('href', `/flows/${flowId}`)
    await expect(page.getByTestId('session-flow-link')).toContainText('version 1')

    // The conditional question was shown, and the page says why; the answer is in words.
    await expect(detail.answer('You sell as')).toContainText('A company')
    await expect(detail.answer('Company name')).toContainText('Acme Ltd')
    await expect(detail.answer('Company name').getByTestId('answer-explanation')).toHaveText(
      /Shown because You sell as = A company/,
    )

    // The timeline and the path through the flow.
    await expect(page.getByTestId('timeline-event').first()).toContainText('Session created')
    await expect(page.getByTestId('timeline-event').nth(1)).toContainText('Session launched')
    await expect(page.getByTestId('timeline-event').filter({ hasText: 'Completed' })).toHaveCount(1)
    const path = page.getByTestId('flow-path-step')
    await expect(path).toHaveCount(3)
    await expect(path.nth(0)).toHaveAttribute('data-state', 'collected')
    await expect(path.nth(1)).toHaveAttribute('data-state', 'collected')
    await expect(path.nth(2)).toHaveAttribute('data-state', 'to-fill')

    // Sandbox result as label/value lines; the raw payload is collapsible.
    await expect(page.getByTestId('result-field').filter({ hasText: 'Provider' })).toContainText(
      'sandbox',
    )
    await expect(page.getByTestId('provider-raw')).not.toHaveAttribute('open', '')

    // The captures: thumbnails fetched with the reviewer's cookie, actually decoded.
    await expect(detail.thumbs).toHaveCount(2)
    const thumb = page.getByTestId('media-thumb-image').first()
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(480)

    await expectAccessible(page, 'the session detail page')
    await saveScreenshot(page, 'session-detail')

    // The viewer: front and back side by side, zoom with buttons and the wheel, rotate.
    await detail.thumbs.first().click()
    await expect(detail.viewer).toBeVisible()
    await expect(detail.viewer.getByTestId('viewer-image')).toHaveCount(2)
    const image = detail.viewer.getByTestId('viewer-image').first()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480)
    const box = detail.viewer.getByTestId('viewer-box').first()
    const width = async () => (await box.boundingBox())?.width ?? 0
    await expect(box).toHaveClass(/sized/)
    const fitted = await width()
    expect(fitted).toBeGreaterThan(100)
    await page.getByTestId('viewer-zoom-in').click()
    await expect(page.getByTestId('viewer-zoom')).toHaveText('125%')
    await expect.poll(width).toBeCloseTo(fitted * 1.25, -1)
    await page.getByTestId('viewer-rotate').click()
    await expect(page.getByTestId('viewer-rotation')).toHaveText('Rotated 90°')
    await expect(image).toHaveAttribute('style', /rotate\(90deg\)/)
    await page.getByTestId('viewer-stage').hover()
    await page.mouse.wheel(0, -200)
    await expect(page.getByTestId('viewer-zoom')).toHaveText('156%')
    await page.getByTestId('viewer-zoom-out').click()
    await expect(page.getByTestId('viewer-zoom')).toHaveText('125%')
    const download = detail.viewer.getByTestId('viewer-download').first()
    await expect(download).toHaveAttribute('download', /^document_front-.*\.png$/)
    await expect(download).toHaveAttribute('href', /\/api\/sessions\/.+\/media\/.+/)
    await expectAccessible(page, 'the media viewer')
    await saveScreenshot(page, 'session-media-viewer', { fullPage: false })
    // Tab stays inside the dialog; Escape closes it and gives the focus back to the thumbnail.
    for (let n = 0; n < 12; n++) await page.keyboard.press('Tab')
    await expect(detail.viewer.locator(':focus')).toHaveCount(1)
    await page.keyboard.press('Escape')
    await expect(detail.viewer).toBeHidden()
    await expect(detail.thumbs.first()).toBeFocused()
  })

  test('hidden questions are greyed out with the reason; the language switch re-reads them', async ({
    page,
    loginAs,
  }) => {
    const flowId = await seed.publishedFlow(reviewFlow(`Review language ${uid()}`))
    const person = await seed.completedSession(flowId, {
      externalId: `person-${uid()}`,
      answers: { q_kind: 'o_person', q_note: '<b>not bold</b>' },
    })
    await loginAs('reviewer')
    const detail = new SessionDetailPage(page)
    await detail.goto(person.sessionId)
    const hidden = detail.answer('Company name')
    await expect(hidden).toHaveAttribute('data-shown', 'false')
    await expect(hidden.getByTestId('answer-explanation')).toHaveText(
      /Hidden because You sell as = A company does not hold/,
    )
    // Text answers are text, never markup.
    await expect(detail.answer('Anything else?')).toContainText('<b>not bold</b>')

    await page.getByTestId('review-language').selectOption('ka')
    await expect(detail.answer('კომპანიის სახელი').getByTestId('answer-explanation')).toHaveText(
      /ყიდით როგორც = კომპანია/,
    )
    await expect(detail.answer('ყიდით როგორც')).toContainText('ფიზიკური პირი')
  })

  test('the operator questionnaire: conditions live, mandatory first, then saved', async ({
    page,
    loginAs,
  }) => {
    const flowId = await seed.publishedFlow(reviewFlow(`Review operator ${uid()}`))
    const person = await seed.completedSession(flowId, { externalId: `ops-${uid()}` })
    const reviewer = await loginAs('reviewer')
    const detail = new SessionDetailPage(page)
    await detail.goto(person.sessionId)
    const form = detail.operator
    await expect(form.getByTestId('operator-save-state')).toHaveText('Not filled in yet')
    await expect(form.getByTestId('operator-question-hidden')).toContainText(
      'hidden because Documents readable and genuine? = No does not hold',
    )

    await form.getByTestId('operator-save').click()
    await expect(form.getByTestId('operator-errors')).toContainText('One question')
    const docs = form.getByTestId('operator-question').filter({ hasText: 'Documents readable' })
    await expect(docs.getByTestId('operator-error')).toHaveText('Answer this question.')
    await expect(docs.getByTestId('operator-option-yes')).toBeFocused()

    // "No" reveals the follow-up question, which is mandatory in turn.
    await docs.getByTestId('operator-option-no').check()
    const problem = form.getByTestId('operator-question').filter({ hasText: 'What is wrong' })
    await expect(problem).toBeVisible()
    await expect(form.getByTestId('operator-save-state')).toHaveText('Unsaved changes')
    await form.getByTestId('operator-save').click()
    await expect(problem.getByTestId('operator-error')).toHaveText('Answer this question.')
    await expect(problem.getByTestId('operator-input')).toBeFocused()
    await saveScreenshot(page, 'session-operator-errors')

    await problem.getByTestId('operator-input').fill('The photo of the back is blurred')
    await form.getByTestId('operator-save').click()
    await expect(form.getByTestId('operator-save-state')).toHaveText('Saved')
    await expect(page.getByTestId('operator-errors')).toHaveCount(0)
    await expect(
      page.getByTestId('timeline-event').filter({ hasText: 'Saved the operator questionnaire' }),
    ).toContainText(reviewer.email)
    await expect(page.getByTestId('flow-path-step').nth(2)).toHaveAttribute('data-state', 'filled')

    // The answers are the session's now: a reload shows them saved, by whom.
    await page.reload()
    await detail.expectLoaded()
    await expect(detail.operator.getByTestId('operator-save-state')).toContainText(
      `Saved by ${reviewer.email}`,
    )
    await expect(detail.operator.getByTestId('operator-input')).toHaveValue(
      'The photo of the back is blurred',
    )
    const stored = await seed.session(person.sessionId)
    expect(stored.operatorAnswers).toEqual({
      s_ops: { q_docs: 'o_no', q_problem: 'The photo of the back is blurred' },
    })
  })

  test('a missing session says so and links back to the list with its filter', async ({
    page,
    loginAs,
  }) => {
    await loginAs('reviewer')
    await page.goto('/sessions/00000000-0000-4000-8000-000000000000?status=completed')
    await expect(page.getByTestId('session-not-found')).toContainText('Session not found')
    await expect(page.getByTestId('not-found-back')).toHaveAttribute(
      'href',
      '/sessions?status=completed',
    )
    await expectAccessible(page, 'a missing session')
    await saveScreenshot(page, 'session-not-found')
  })
})
