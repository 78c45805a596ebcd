import { expectAccessible } from '../fixtures/a11y.ts'
import { DesignerApi } from '../fixtures/designer-api.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { DesignerPage } from '../pages/DesignerPage.ts'
import { FlowsListPage } from '../pages/FlowsListPage.ts'

const TEMPLATE_KEYS = ['identity-document', 'liveness', 'require_email', 'source_of_funds']

test.describe('designer: steps', () => {
  test('from a template: drag a step in between, reorder by drag and keyboard, edit flags', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.createFromTemplate('marketplace-seller', `Designer ${uid()}`)
    await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/)
    const id = page.url().split('/').pop()!
    const designer = new DesignerPage(page)
    await expect(designer.cards).toHaveCount(4)
    expect(await designer.keys()).toEqual(TEMPLATE_KEYS)
    await designer.expectSaveStatus('saved')

    // Palette → canvas, between liveness and require_email.
    await designer.drag(
      designer.paletteItem('phone-number'),
      designer.card('require_email'),
      'before',
    )
    await expect
      .poll(() => designer.keys())
      .toEqual([
        'identity-document',
        'liveness',
        'phone_number',
        'require_email',
        'source_of_funds',
      ])
    await expect(designer.inspector.getByTestId('inspector-type')).toHaveText('Phone number')

    // Reorder by drag.
    await designer.drag(designer.card('source_of_funds'), designer.card('liveness'), 'before')
    await expect
      .poll(() => designer.keys())
      .toEqual([
        'identity-document',
        'source_of_funds',
        'liveness',
        'phone_number',
        'require_email',
      ])

    // Reorder by keyboard: the card keeps the focus and the move is announced.
    await designer.card('liveness').focus()
    await page.keyboard.press('Alt+ArrowDown')
    await page.keyboard.press('Alt+ArrowDown')
    await expect(designer.card('liveness')).toBeFocused()
    await expect(designer.announcer).toContainText('Moved liveness to position 5 of 5')
    await page.keyboard.press('Alt+ArrowUp')
    expect(await designer.keys()).toEqual([
      'identity-document',
      'source_of_funds',
      'phone_number',
      'liveness',
      'require_email',
    ])

    // Click-to-append from the palette, searchable.
    await designer.palette.getByTestId('palette-search').fill('video')
    await expect(designer.palette.getByRole('button')).toHaveCount(1)
    await designer.paletteItem('video-call').click()
    await expect(designer.cards).toHaveCount(6)
    expect((await designer.keys()).at(-1)).toBe('video-call')

    // Flags: switch, document types (known + custom), countries by name and by code.
    await designer.selectStep('identity-document')
    await designer.flag('disable_document_capture').check()
    await designer.inspector.getByTestId('flag-document_types-option-driver_license').check()
    await designer.inspector.getByTestId('flag-document_types-custom').fill('national_id')
    await designer.inspector.getByTestId('flag-document_types-custom-add').click()
    const countries = designer.inspector.getByTestId('flag-document_countries-search')
    await countries.fill('germany')
    await designer.inspector.getByTestId('flag-document_countries-option-DEU').check()
    await countries.fill('USA')
    await countries.press('Enter')
    await designer.inspector.getByTestId('flag-document_countries-remove-ARM').click()
    await expect(designer.card('identity-document').getByTestId('step-card-summary')).toContainText(
      'Disable document capture',
    )
    await designer.expectSaveStatus('saved')
    const api = await DesignerApi.create()
    const saved = await api.getFlow(id)
    await api.dispose()
    const steps = saved.draft.steps as Array<{ key: string; flags?: Record<string, unknown> }>
    expect(steps.map((s) => s.key)).toEqual(await designer.keys())
    expect(steps[0]!.flags).toEqual({
      allow_document_upload: true,
      disable_document_capture: true,
      document_types: ['id', 'passport', 'driver_license', 'national_id'],
      document_countries: ['GEO', 'AZE', 'DEU', 'USA'],
    })

    // Duplicate and delete from the cards; undo brings the deleted step back.
    await designer.card('liveness').getByTestId('step-duplicate').click()
    await expect(designer.card('liveness_copy')).toBeVisible()
    await designer.card('liveness_copy').getByTestId('step-delete').click()
    await expect(designer.card('liveness_copy')).toHaveCount(0)
    await designer.undo()
    await expect(designer.card('liveness_copy')).toBeVisible()
  })

  test('screenshots at desktop and tablet widths', async ({ page, loginAs }) => {
    await loginAs('designer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({ template: 'marketplace-seller', name: `Screens ${uid()}` })
    await api.dispose()
    const designer = new DesignerPage(page)
    await page.setViewportSize({ width: 1440, height: 900 })
    await designer.goto(flow.id)
    await designer.selectStep('source_of_funds')
    await designer.openQuestion('company_name')
    await expect(designer.issuesPanel).toBeVisible()
    await expectAccessible(page, 'the designer')
    await saveScreenshot(page, 'designer-desktop', { fullPage: false })
    await designer.selectStep('identity-document')
    await saveScreenshot(page, 'designer-desktop-flags', { fullPage: false })
    await page.setViewportSize({ width: 1024, height: 768 })
    await designer.selectStep('source_of_funds')
    await designer.openQuestion('company_name')
    await saveScreenshot(page, 'designer-tablet', { fullPage: false })
    for (const tab of ['settings', 'targets', 'export'] as const) {
      await designer.tab(tab)
      await expect(page.getByTestId(`${tab}-panel`)).toBeVisible()
      await expectAccessible(page, `the designer's ${tab} tab`)
      await saveScreenshot(page, `designer-tablet-${tab}`, { fullPage: false })
    }
    await page.setViewportSize({ width: 1440, height: 900 })
    await designer.tab('targets')
    await saveScreenshot(page, 'designer-desktop-targets', { fullPage: false })
    await designer.tab('settings')
    await saveScreenshot(page, 'designer-desktop-settings', { fullPage: false })
  })
})
