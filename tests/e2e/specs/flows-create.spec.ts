import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { FlowsListPage } from '../pages/FlowsListPage.ts'

const DESIGNER_URL = /\/flows\/[0-9a-f-]{36}$/

test.describe('new flow', () => {
  test('from a template: pick a card, name it, land in the designer', async ({
    page,
    loginAs,
    api,
  }) => {
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.newFlowButton.click()
    const dialog = flows.newFlowDialog
    await expect(dialog.getByTestId('template-card-kyc-lite')).toBeVisible()
    await expect(dialog.getByTestId('new-flow-name')).toBeFocused()
    await dialog.getByTestId('template-card-marketplace-seller').click()
    await expect(dialog.getByTestId('new-flow-name')).toHaveAttribute(
      'placeholder',
      'Marketplace seller onboarding',
    )
    await expectAccessible(page, 'the new-flow dialog')
    await saveScreenshot(page, 'new-flow-dialog', { fullPage: false })

    const name = `Seller onboarding ${uid()}`
    await dialog.getByTestId('new-flow-name').fill(name)
    await dialog.getByTestId('new-flow-submit').click()
    await expect(page).toHaveURL(DESIGNER_URL)
    const id = page.url().split('/').pop()!
    const flow = await api.getFlow(id)
    expect(flow.name).toBe(name)
    expect((flow.draft?.steps as unknown[]).length).toBe(4)
  })

  test('blank, without a name: "Untitled flow"', async ({ page, loginAs, api }) => {
    await loginAs('admin')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.newFlowButton.click()
    await flows.newFlowDialog.getByTestId('new-flow-submit').click()
    await expect(page).toHaveURL(DESIGNER_URL)
    const flow = await api.getFlow(page.url().split('/').pop()!)
    expect(flow.name).toBe('Untitled flow')
    expect(flow.draft?.steps).toEqual([])
  })

  test('Escape closes the dialog and the focus returns to "New flow"', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.newFlowButton.click()
    await expect(flows.newFlowDialog).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(flows.newFlowDialog).toBeHidden()
    await expect(flows.newFlowButton).toBeFocused()
  })
})
