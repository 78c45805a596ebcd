import { PHONE } from '../fixtures/devices.ts'
import { RunnerApi } from '../fixtures/runner-api.ts'
import { everyStep } from '../fixtures/runner-flows.ts'
import { photoFile } from '../fixtures/images.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { RunnerPage } from '../pages/RunnerPage.ts'

test.describe('runner: a full sandbox session on a phone', () => {
  test.use(PHONE)

  test('every step type, the fake camera, OTP, conditions and mandatory errors', async ({
    page,
  }) => {
    test.setTimeout(120_000)
    const api = await RunnerApi.create()
    const launched = await api.launchDocument(everyStep(`Runner full ${uid()}`))
    const runner = new RunnerPage(page)
    await runner.goto(launched.path)

    // Identity document: the type, then front and back through the camera (review, then use).
    await runner.expectStep('identity-document', 'Your ID')
    await expect(runner.progress).toContainText('Step 1 of 7')
    await expect(page.getByTestId('runner-badge')).toHaveCount(0)
    await runner.snapshot('runner-identity-choose')
    await page.getByTestId('doc-type-id').check()
    await runner.capture('document_front', 'runner-identity-review')
    await runner.capture('document_back')
    await runner.snapshot('runner-identity-done')
    await runner.continue()

    // Liveness (passive): a burst of frames in the oval.
    await runner.expectStep('liveness', 'Selfie')
    await expect(runner.announcer).toHaveText('Step 2 of 7: Selfie')
    await expect(page.getByTestId('camera')).toHaveAttribute('data-state', 'live')
    await runner.snapshot('runner-liveness')
    await page.getByTestId('liveness-start').click()
    await expect(page.getByTestId('liveness-done')).toBeVisible({ timeout: 15_000 })
    await runner.continue()

    // Face with document: required, captured with the camera.
    await runner.expectStep('face-document', 'Photo with your document')
    await expect(page.getByTestId('step-continue')).toHaveCount(0)
    await runner.capture('face_document', 'runner-face-document')
    await runner.continue()

    // General document: its type, then two pages uploaded (removable until Continue).
    await runner.expectStep('general-document')
    await page.getByTestId('general-type-utility_bill').check()
    await page
      .getByTestId('photo-input')
      .setInputFiles([photoFile('p1.png'), photoFile('p2.png', [200, 60, 40]), photoFile('p3.png')])
    await expect(page.locator('[data-testid="pages"] li')).toHaveCount(3)
    await page.getByTestId('page-remove').last().click()
    await expect(page.locator('[data-testid="pages"] li')).toHaveCount(2)
    await runner.snapshot('runner-general-document')
    await runner.continue()

    // Phone number with OTP: a wrong code costs a try; the right one (from the sandbox record) verifies.
    await runner.expectStep('phone-number')
    await runner.contact('12')
    await page.getByTestId('otp-send').click()
    await expect(page.getByTestId('contact-error')).toContainText('country code')
    await expect(page.getByTestId('contact-value')).toHaveAttribute('aria-invalid', 'true')
    await runner.contact('+995 555 12 34 56')
    await page.getByTestId('otp-send').click()
    await expect(page.getByTestId('otp-sent')).toContainText('+995555123456')
    await expect(page.getByTestId('otp-resend')).toBeDisabled()
    await expect(page.getByTestId('otp-cooldown')).toContainText(/new code in \d+ s/)
    await page.getByTestId('otp-code').fill('000000')
    await page.getByTestId('otp-verify').click()
    await expect(page.getByTestId('otp-error')).toHaveText('That code is not right. 4 tries left.')
    await runner.snapshot('runner-otp-error')
    await page.getByTestId('otp-code').fill(await api.otpCode(launched.sessionId, 's_phone'))
    await page.getByTestId('otp-verify').click()
    await expect(page.getByTestId('contact-verified')).toBeVisible()
    await runner.continue()

    // Email (required, no verification).
    await runner.expectStep('email')
    await runner.continue()
    await expect(page.getByTestId('contact-error')).toHaveText('This is required.')
    await runner.contact('seller@example.com')
    await runner.continue()

    // Questionnaire: mandatory errors, a condition showing a question, a read-only preset.
    await runner.expectStep('user-questionnaire', 'Source of funds')
    await expect(runner.question('company_name')).toHaveCount(0)
    await expect(runner.question('country').getByTestId('question-input')).toHaveValue('Georgia')
    await page.getByTestId('questionnaire-submit').click()
    await expect(page.getByTestId('questionnaire-errors')).toBeVisible()
    await expect(runner.question('business_type').getByTestId('question-error')).toHaveText(
      'Answer this question.',
    )
    await expect(runner.question('business_type').locator('input').first()).toBeFocused()
    await runner.snapshot('runner-questionnaire-errors')
    await page.getByTestId('option-company').check()
    await expect(runner.question('company_name')).toBeVisible()
    await page.getByTestId('option-individual').check()
    await expect(runner.question('company_name')).toHaveCount(0)
    await page.getByTestId('option-company').check()
    await page.getByTestId('questionnaire-submit').click()
    await expect(runner.question('company_name').getByTestId('question-error')).toBeVisible()
    await runner.question('company_name').getByTestId('question-input').fill('ACME LLC')
    await page.getByTestId('option-sales').check()
    await runner.snapshot('runner-questionnaire')
    await expect(page.getByText('Operator only question')).toHaveCount(0)
    await page.getByTestId('questionnaire-submit').click()

    // Done: the session is complete, with the captures and answers.
    await expect(runner.end('completed')).toBeVisible()
    await runner.snapshot('runner-completed')
    const session = await api.session(launched.sessionId)
    expect(session.status).toBe('completed')
    expect(JSON.stringify(session)).toContain('ACME LLC')
    await api.dispose()
  })
})
