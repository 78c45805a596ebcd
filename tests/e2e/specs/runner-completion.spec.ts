import { PHONE } from '../fixtures/devices.ts'
import { RunnerApi } from '../fixtures/runner-api.ts'
import { flowDocument } from '../fixtures/runner-flows.ts'
import { startTestOrigin, type TestOrigin } from '../fixtures/test-origin.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { RunnerPage } from '../pages/RunnerPage.ts'
import type { Page } from '@playwright/test'

/** A one-step flow: an optional email address. */
const quickFlow = (settings: Record<string, unknown> = {}) =>
  flowDocument(
    `Runner quick ${uid()}`,
    [{ id: 's_mail', type: 'email', key: 'require_email', title: 'Email' }],
    settings,
    ['en'],
  )

async function finishQuickFlow(page: Page): Promise<void> {
  const runner = new RunnerPage(page)
  await runner.expectStep('email', 'Email')
  await runner.contact('user@example.com')
  await runner.continue()
}

test.describe('runner: how a session ends', () => {
  let api: RunnerApi
  let integrator: TestOrigin
  let stranger: TestOrigin
  test.beforeAll(async () => {
    api = await RunnerApi.create()
    integrator = await startTestOrigin('localhost')
    stranger = await startTestOrigin('127.0.0.1')
  })
  test.afterAll(async () => {
    await api.dispose()
    await integrator.close()
    await stranger.close()
  })

  test('redirects to the return URL with status and session_id', async ({ page }) => {
    const launched = await api.launchDocument(quickFlow(), {
      returnUrl: `${integrator.origin}/return?ref=42`,
    })
    await new RunnerPage(page).goto(launched.path)
    await finishQuickFlow(page)
    await page.waitForURL(`${integrator.origin}/return?**`)
    const url = new URL(page.url())
    expect(url.searchParams.get('status')).toBe('COMPLETED')
    expect(url.searchParams.get('session_id')).toBe(launched.sessionId)
    expect(url.searchParams.get('ref')).toBe('42')
    expect(url.searchParams.get('error_code')).toBeNull()
  })

  test('embedded: postMessage reaches the launching origin only', async ({ page, baseURL }) => {
    const launched = await api.launchDocument(quickFlow(), { embedOrigin: integrator.origin })
    const src = `${baseURL}${launched.path}`
    await page.goto(`${integrator.origin}/embed?src=${encodeURIComponent(src)}`)
    const frame = page.frameLocator('#runner')
    await frame.getByTestId('contact-value').fill('user@example.com')
    await frame.getByTestId('step-continue').click()
    await expect(frame.getByTestId('end-completed')).toBeVisible()
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { received: unknown[] }).received))
      .toEqual([
        {
          origin: new URL(baseURL!).origin,
          data: {
            type: 'veriflow:completed',
            sessionId: launched.sessionId,
            status: 'COMPLETED',
            errorCode: null,
          },
        },
      ])

    // A third origin cannot host the page (frame-ancestors), so it never hears of the session.
    const other = await api.launchDocument(quickFlow(), { embedOrigin: integrator.origin })
    const strangerPage = await page.context().newPage()
    const blocked = strangerPage.waitForEvent('console', (m) =>
      /frame-ancestors|Refused to frame/i.test(m.text()),
    )
    await strangerPage.goto(
      `${stranger.origin}/embed?src=${encodeURIComponent(`${baseURL}${other.path}`)}`,
    )
    await blocked
    await expect(strangerPage.frameLocator('#runner').getByTestId('runner')).toHaveCount(0)
    await strangerPage.waitForTimeout(500)
    expect(
      await strangerPage.evaluate(() => (window as unknown as { received: unknown[] }).received),
    ).toEqual([])
    await strangerPage.close()
  })

  test('completing twice: the same tab shows the end, another browser SESSION_ALREADY_COMPLETED', async ({
    page,
    browser,
  }) => {
    const launched = await api.launchDocument(quickFlow())
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await finishQuickFlow(page)
    await expect(runner.end('completed')).toBeVisible()
    await page.reload()
    await expect(runner.end('completed')).toBeVisible()

    const other = await browser.newContext(PHONE)
    const second = new RunnerPage(await other.newPage())
    await second.goto(launched.path)
    await expect(second.end('already-completed')).toBeVisible()
    await expect(second.page.getByTestId('status-code')).toContainText('SESSION_ALREADY_COMPLETED')
    await second.snapshot('runner-already-completed')
    await other.close()
  })

  test('a link already open in another browser is refused', async ({ page, browser }) => {
    const launched = await api.launchDocument(quickFlow())
    await new RunnerPage(page).goto(launched.path)
    await new RunnerPage(page).expectStep('email')
    const other = await browser.newContext()
    const second = new RunnerPage(await other.newPage())
    await second.goto(launched.path)
    await expect(second.end('claimed')).toBeVisible()
    await other.close()
  })

  test('expiry: a clear page and SESSION_EXPIRED, live and after a reload', async ({ page }) => {
    test.setTimeout(150_000)
    await page.setViewportSize({ width: 390, height: 844 })
    const launched = await api.launchDocument(quickFlow({ sessionTtlMinutes: 1 }))
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await runner.expectStep('email')
    await expect(runner.end('expired')).toBeVisible({ timeout: 75_000 })
    await expect(page.getByTestId('status-code')).toContainText('SESSION_EXPIRED')
    await runner.snapshot('runner-expired')
    await page.reload()
    await expect(runner.end('expired')).toBeVisible()
  })

  test('unknown links say so', async ({ page }) => {
    const runner = new RunnerPage(page)
    await runner.goto('/r/not-a-real-token')
    await expect(runner.end('not-found')).toBeVisible()
  })
})
