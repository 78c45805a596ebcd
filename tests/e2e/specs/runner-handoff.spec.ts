import { cameraFailure, PHONE } from '../fixtures/devices.ts'
import { RunnerApi } from '../fixtures/runner-api.ts'
import { flowDocument, STEPS } from '../fixtures/runner-flows.ts'
import { startTestOrigin, type TestOrigin } from '../fixtures/test-origin.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { RunnerPage } from '../pages/RunnerPage.ts'

/** An identity document by camera only (no upload), then an optional email. */
const cameraOnly = (settings: Record<string, unknown>) =>
  flowDocument(
    `Runner QR ${uid()}`,
    [
      { ...STEPS.identity, title: 'Your ID', flags: { document_types: ['passport'] } },
      { id: 's_mail', type: 'email', key: 'require_email', title: 'Email' },
    ],
    settings,
    ['en'],
  )

test.describe('runner: QR hand-off from a desktop to a phone', () => {
  let api: RunnerApi
  let integrator: TestOrigin
  test.beforeAll(async () => {
    api = await RunnerApi.create()
    integrator = await startTestOrigin('localhost')
  })
  test.afterAll(async () => {
    await api.dispose()
    await integrator.close()
  })

  test('forced QR: the phone continues the session, the desktop follows and finishes', async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000)
    const launched = await api.launchDocument(cameraOnly({ qr: { allow: false, force: true } }), {
      returnUrl: `${integrator.origin}/return`,
    })
    const desktop = new RunnerPage(page)
    await desktop.goto(launched.path)
    await expect(desktop.handoff).toHaveAttribute('data-status', 'pending')
    await expect(desktop.handoff.getByTestId('qr-code').locator('svg')).toBeVisible()
    await expect(desktop.handoff.getByTestId('handoff-stay')).toHaveCount(0)
    await expect(page.getByTestId('handoff-status')).toHaveText('Waiting for your phone…')
    const url = await desktop.handoff.getByTestId('qr-code').getAttribute('data-url')
    expect(url).toMatch(/\/r\/continue\/[^/]+$/)
    await expect(page.getByTestId('handoff-url')).toHaveText(url!)
    await desktop.snapshot('runner-handoff-desktop')

    const phoneContext = await browser.newContext({ ...PHONE, permissions: ['camera'] })
    const phone = new RunnerPage(await phoneContext.newPage())
    await phone.goto(new URL(url!).pathname)
    await phone.expectStep('identity-document')
    await expect(desktop.handoff).toHaveAttribute('data-status', 'claimed', { timeout: 10_000 })
    await phone.capture('document_front')
    await phone.continue()
    await phone.expectStep('email')
    await expect(page.getByTestId('handoff-status')).toHaveText('On your phone: step 2 of 2.', {
      timeout: 10_000,
    })
    await desktop.snapshot('runner-handoff-following')
    await phone.continue()
    await expect(phone.end('phone-done')).toBeVisible()
    await phone.snapshot('runner-handoff-phone-done')

    // The desktop finishes as the phone does: the integrator's return URL.
    await page.waitForURL(`${integrator.origin}/return?**`, { timeout: 15_000 })
    expect(new URL(page.url()).searchParams.get('session_id')).toBe(launched.sessionId)

    // The continuation link works once.
    const again = new RunnerPage(await (await browser.newContext(PHONE)).newPage())
    await again.goto(new URL(url!).pathname)
    await expect(again.end('already-completed').or(again.end('handoff-used'))).toBeVisible()
    await phoneContext.close()
  })

  test('camera denied with QR allowed: a hand-off instead of the camera, or stay', async ({
    page,
  }) => {
    await page.addInitScript(cameraFailure('NotAllowedError'))
    const launched = await api.launchDocument(cameraOnly({ qr: { allow: true, force: false } }))
    const desktop = new RunnerPage(page)
    await desktop.goto(launched.path)
    await desktop.expectStep('identity-document')
    const fallback = page.getByTestId('camera-fallback')
    await expect(fallback).toHaveAttribute('data-problem', 'denied')
    await expect(fallback).toContainText('Camera access is blocked')
    await desktop.snapshot('runner-camera-denied-qr')
    await page.getByTestId('camera-handoff').click()
    await expect(desktop.handoff).toHaveAttribute('data-status', 'pending')
    await expect(desktop.handoff.getByTestId('qr-code')).toHaveAttribute(
      'data-url',
      /\/r\/continue\//,
    )
    await page.getByTestId('handoff-stay').click()
    await desktop.expectStep('identity-document')
  })

  test('restrictUrlSharing: no QR on camera failure unless switchDeviceUrl, which the QR then shows', async ({
    page,
  }) => {
    await page.addInitScript(cameraFailure('NotFoundError'))
    const restricted = await api.launchDocument(
      cameraOnly({ qr: { allow: true, force: false }, restrictUrlSharing: true }),
    )
    const runner = new RunnerPage(page)
    await runner.goto(restricted.path)
    await expect(page.getByTestId('camera-fallback')).toContainText('This step needs a camera')
    await expect(page.getByTestId('qr-code')).toHaveCount(0)
    await expect(page.getByTestId('camera-handoff')).toHaveCount(0)

    const switching = await api.launchDocument(
      cameraOnly({
        qr: { allow: true, force: false },
        restrictUrlSharing: true,
        switchDeviceUrl: 'https://switch.example/continue',
      }),
    )
    await runner.goto(switching.path)
    await expect(page.getByTestId('qr-code')).toHaveAttribute(
      'data-url',
      'https://switch.example/continue',
    )
    await runner.snapshot('runner-switch-device-url')
  })

  test('skipDesktop with restricted sharing and no switch URL: phone only, no code', async ({
    page,
  }) => {
    const launched = await api.launchDocument(
      cameraOnly({ skipDesktop: true, restrictUrlSharing: true }),
    )
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await expect(runner.handoff).toHaveAttribute('data-kind', 'blocked')
    await expect(runner.handoff).toContainText('This verification has to be done on a phone.')
    await expect(page.getByTestId('qr-code')).toHaveCount(0)
  })

  test('optionalContinueOnAnotherDevice offers the hand-off on every step', async ({ page }) => {
    const launched = await api.launchDocument(cameraOnly({ optionalContinueOnAnotherDevice: true }))
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await page.getByTestId('runner-other-device').click()
    await expect(runner.handoff.getByTestId('qr-code')).toHaveAttribute(
      'data-url',
      /\/r\/continue\//,
    )
  })
})
