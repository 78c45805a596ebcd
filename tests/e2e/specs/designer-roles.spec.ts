import { expectAccessible } from '../fixtures/a11y.ts'
import { DesignerApi } from '../fixtures/designer-api.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { DesignerPage } from '../pages/DesignerPage.ts'

const EDIT_CONTROLS = [
  'palette',
  'undo',
  'redo',
  'save-indicator',
  'publish-open',
  'step-delete',
  'step-duplicate',
  'question-add-string',
  'question-delete',
  'option-add',
  'condition-add',
]

for (const role of ['reviewer', 'developer'] as const) {
  test(`a ${role} sees the designer read-only, without edit controls`, async ({
    page,
    loginAs,
  }) => {
    await loginAs(role)
    const api = await DesignerApi.create()
    const flow = await api.createFlow({
      template: 'marketplace-seller',
      name: `Read-only ${uid()}`,
    })
    await api.publish(flow.id, 'for reading')
    await api.dispose()
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await expect(page.getByTestId('designer-readonly')).toBeVisible()
    await expect(designer.cards).toHaveCount(4)
    await designer.card('source_of_funds').click()
    await designer.openQuestion('company_name')
    for (const testid of EDIT_CONTROLS) await expect(page.getByTestId(testid)).toHaveCount(0)
    const editable = page.locator(
      '[data-testid="designer"] :is(input, select, textarea):not(:disabled)',
    )
    await expect(editable).toHaveCount(0)
    if (role === 'reviewer') {
      await expectAccessible(page, 'the read-only designer')
      await saveScreenshot(page, 'designer-readonly', { fullPage: false })
    }
    // Dragging a card changes nothing.
    await designer.drag(designer.card('liveness'), designer.card('identity-document'), 'before')
    await designer.card('liveness').focus()
    await page.keyboard.press('Alt+ArrowUp')
    expect(await designer.keys()).toEqual([
      'identity-document',
      'liveness',
      'require_email',
      'source_of_funds',
    ])
    for (const tab of ['settings', 'targets'] as const) {
      await designer.tab(tab)
      await expect(editable).toHaveCount(0)
    }
    await designer.tab('versions')
    await expect(page.getByTestId('version-row')).toHaveCount(1)
    await expect(page.getByTestId('version-restore')).toHaveCount(0)
  })
}
