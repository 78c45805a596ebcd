import { DesignerApi } from '../fixtures/designer-api.ts'
import { everyStep } from '../fixtures/runner-flows.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { DesignerPage } from '../pages/DesignerPage.ts'

test.describe('designer: the runner preview', () => {
  test('follows edits live in the phone frame, keeps answers, shows hidden questions, switches language', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({
      name: `Preview ${uid()}`,
      document: everyStep(`Preview ${uid()}`),
    })
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await page.getByTestId('preview-toggle').click()
    const preview = page.getByTestId('runner-preview')
    const frame = page.getByTestId('preview-frame')
    await expect(frame).toHaveAttribute('data-device', 'phone')
    await expect(frame.getByTestId('step-title')).toHaveText('Your ID')

    // Selecting a step in the canvas shows it in the preview.
    await designer.selectStep('source_of_funds')
    await expect(frame.getByTestId('step-title')).toHaveText('Source of funds')
    await expect(frame.getByText('What do you sell as?')).toBeVisible()
    await expect(frame.getByText('Operator only question')).toHaveCount(0)

    // Answer state is kept while editing; conditions run live.
    await frame.getByTestId('option-company').check()
    await expect(frame.locator('[data-testid="question"][data-key="company_name"]')).toBeVisible()
    const editor = await designer.openQuestion('business_type')
    await editor.getByTestId('question-title-en').fill('How do you sell?')
    await expect(frame.getByText('How do you sell?')).toBeVisible()
    await expect(frame.getByTestId('option-company')).toBeChecked()
    await saveScreenshot(page, 'runner-preview-designer', { fullPage: false })

    // Hidden questions, on request, with why they are hidden.
    await frame.getByTestId('option-individual').check()
    await expect(frame.locator('[data-testid="question"][data-key="company_name"]')).toHaveCount(0)
    await preview.getByTestId('preview-show-hidden').check()
    const hidden = frame.locator('[data-testid="question"][data-key="company_name"]')
    await expect(hidden.getByTestId('question-hidden-note')).toContainText('hidden because')

    // The second language; then the other screens.
    await preview.getByTestId('preview-language').selectOption('ka')
    await expect(frame.getByTestId('step-title')).toHaveText('სახსრების წყარო')
    await preview.getByTestId('preview-device-desktop').click()
    await expect(frame).toHaveAttribute('data-device', 'desktop')
    await preview.getByTestId('preview-device-tablet').click()
    await expect(frame).toHaveAttribute('data-device', 'tablet')
    await expectAccessible(page, 'designer with the preview')
    await api.dispose()
  })

  test('launches a test session of the draft and shows its QR code and link', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({
      name: `Preview launch ${uid()}`,
      document: everyStep(`Launch ${uid()}`),
    })
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await page.getByTestId('launch-test-open-dialog').click()
    const dialog = page.getByTestId('launch-test')
    await expect(dialog.getByTestId('qr-code').locator('svg')).toBeVisible()
    const url = await dialog.getByTestId('launch-test-url').textContent()
    expect(url).toMatch(/\/r\/[^/]+$/)
    await saveScreenshot(page, 'runner-preview-launch', { fullPage: false })
    await expectAccessible(page, 'launch test dialog')

    // The link opens the runner on the draft (a test session).
    const phone = await page.context().newPage()
    await phone.goto(new URL(url!).pathname)
    await expect(phone.getByTestId('runner-badge')).toHaveText('Test session')
    await expect(phone.getByTestId('step-title')).toHaveText('Your ID')
    await phone.close()
    await api.dispose()
  })
})
