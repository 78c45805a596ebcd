import { cameraFailure, PHONE } from '../fixtures/devices.ts'
import { photoFile } from '../fixtures/images.ts'
import { RunnerApi } from '../fixtures/runner-api.ts'
import { flowDocument, STEPS } from '../fixtures/runner-flows.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { RunnerPage } from '../pages/RunnerPage.ts'

test.describe('runner: resume, languages, themes, camera problems', () => {
  test.use(PHONE)
  let api: RunnerApi
  test.beforeAll(async () => (api = await RunnerApi.create()))
  test.afterAll(async () => api.dispose())

  test('a reload resumes at the step the user was on, with the answers kept', async ({ page }) => {
    const launched = await api.launchDocument(
      flowDocument(`Runner resume ${uid()}`, [
        STEPS.questionnaire,
        STEPS.email,
        STEPS.activeLiveness,
      ]),
    )
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await runner.expectStep('user-questionnaire')
    await page.getByTestId('option-company').check()
    await runner.question('company_name').getByTestId('question-input').fill('Resume Ltd')
    await page.getByTestId('questionnaire-submit').click()
    await runner.expectStep('email')
    await runner.contact('resume@example.com')
    await runner.continue()
    await runner.expectStep('liveness')

    await page.reload()
    await runner.expectStep('liveness')
    await expect(runner.progress).toContainText('Step 3 of 3')
    await page.getByTestId('runner-back').click()
    await runner.expectStep('email')
    await expect(page.getByTestId('contact-value')).toHaveValue('resume@example.com')
    await page.getByTestId('runner-back').click()
    await expect(runner.question('company_name').getByTestId('question-input')).toHaveValue(
      'Resume Ltd',
    )
    await expect(page.getByTestId('option-company')).toBeChecked()
  })

  test('active liveness: random instructions, frames per instruction', async ({ page }) => {
    test.setTimeout(60_000)
    const launched = await api.launchDocument(
      flowDocument(`Runner active ${uid()}`, [STEPS.activeLiveness]),
    )
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await runner.expectStep('liveness')
    await expect(page.getByTestId('step-liveness')).toHaveAttribute('data-mode', 'active')
    await expect(page.getByTestId('liveness-to-upload')).toHaveCount(0)
    await page.getByTestId('liveness-start').click()
    await expect(page.getByTestId('liveness-instruction')).toBeVisible()
    await runner.snapshot('runner-liveness-active')
    await expect(page.getByTestId('liveness-done')).toBeVisible({ timeout: 20_000 })
    const session = await api.session(launched.sessionId)
    const frames = session.timeline.filter(
      (e) => e.type === 'media.uploaded' && e.data.kind === 'liveness_frame',
    )
    expect(frames).toHaveLength(6)
  })

  test('a second language and the dark theme', async ({ page }) => {
    const launched = await api.launchDocument(
      flowDocument(`Runner ka ${uid()}`, [STEPS.questionnaire, STEPS.phone], { theme: 'dark' }),
      { language: 'ka' },
    )
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await runner.expectStep('user-questionnaire', 'სახსრების წყარო')
    await expect(runner.root).toHaveAttribute('data-theme', 'dark')
    await expect(page.locator('html')).toHaveAttribute('lang', 'ka')
    await expect(page.getByTestId('questionnaire-submit')).toHaveText('პასუხების გაგზავნა')
    await expect(runner.progress).toContainText('ნაბიჯი 1 / 2')
    await page.getByTestId('questionnaire-submit').click()
    await expect(runner.question('business_type').getByTestId('question-error')).toHaveText(
      'უპასუხეთ კითხვას.',
    )
    await runner.snapshot('runner-dark-ka')
    await page.getByTestId('language-switcher').selectOption('en')
    await expect(runner.title).toHaveText('Source of funds')
    await expect(runner.question('business_type').getByTestId('question-error')).toHaveText(
      'Answer this question.',
    )
    await page.getByTestId('option-individual').check()
    await page.getByTestId('questionnaire-submit').click()
    await runner.expectStep('phone-number')
    await runner.snapshot('runner-dark-phone')
    await page.reload()
    await runner.expectStep('phone-number', 'Your phone number')
  })

  test('camera denied: upload where the flags allow it (a passport has one page)', async ({
    page,
  }) => {
    await page.addInitScript(cameraFailure('NotAllowedError'))
    const launched = await api.launchDocument(
      flowDocument(`Runner upload ${uid()}`, [STEPS.identity, STEPS.liveness]),
    )
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await page.getByTestId('doc-type-passport').check()
    await expect(page.getByTestId('camera-fallback')).toContainText('Camera access is blocked')
    await expect(page.getByTestId('camera-handoff')).toHaveCount(0)
    await runner.snapshot('runner-camera-denied-upload')
    await runner.upload('document_front')
    await expect(runner.slot('document_back')).toHaveCount(0)
    await runner.continue()
    await runner.expectStep('liveness')
    await page.getByTestId('liveness-to-upload').click()
    await page.getByTestId('photo-input').setInputFiles(photoFile('selfie.png'))
    await page.getByTestId('capture-use').click()
    await expect(page.getByTestId('liveness-done')).toBeVisible()
    await runner.continue()
    await expect(runner.end('completed')).toBeVisible()
  })

  test('portrait only: a phone held sideways is asked to turn', async ({ page }) => {
    const launched = await api.launchDocument(flowDocument(`Runner rotate ${uid()}`, [STEPS.email]))
    await page.setViewportSize({ width: 844, height: 390 })
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)
    await expect(page.getByTestId('rotate-prompt')).toBeVisible()
    await expect(page.getByTestId('rotate-prompt')).toContainText('Turn your phone upright')
    await page.setViewportSize({ width: 390, height: 844 })
    await expect(page.getByTestId('rotate-prompt')).toHaveCount(0)
  })
})
