import type { Route } from '@playwright/test'
import { DesignerApi } from '../fixtures/designer-api.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { DesignerPage } from '../pages/DesignerPage.ts'

const isSave = (route: Route) => route.request().method() === 'PATCH'

test.describe('designer: autosave', () => {
  test('saved → unsaved → saving → saved; failed while the API is unreachable; retry', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({ template: 'kyc-lite', name: `Autosave ${uid()}` })
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await designer.expectSaveStatus('saved')
    const before = await designer.keys()

    // A slow save shows each state in turn.
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/flows/*', async (route) => {
      if (!isSave(route)) return route.fallback()
      await held
      await route.fallback()
    })
    await designer.paletteItem('email').click()
    await designer.expectSaveStatus('unsaved')
    await designer.expectSaveStatus('saving')
    release()
    await designer.expectSaveStatus('saved')
    await page.unrouteAll({ behavior: 'wait' })

    // The API cannot be reached: failed, with a retry, and leaving asks first.
    await page.route('**/api/flows/*', (route) =>
      isSave(route) ? route.abort() : route.fallback(),
    )
    await designer.paletteItem('phone-number').click()
    await designer.expectSaveStatus('failed')
    await expect(page.getByTestId('save-retry')).toBeVisible()
    await saveScreenshot(page, 'designer-save-failed', { fullPage: false })
    await page.getByTestId('designer-back').click()
    const leave = page.getByTestId('leave-confirm')
    await expect(leave).toBeVisible()
    await leave.getByTestId('leave-confirm-cancel').click()
    await expect(page).toHaveURL(new RegExp(`/flows/${flow.id}$`))

    // Still failed after more edits (it never claims more than the server has).
    await designer.card('phone_number').getByTestId('step-duplicate').click()
    await designer.expectSaveStatus('failed')

    // The API is back: retry saves everything.
    await page.unrouteAll({ behavior: 'wait' })
    await page.getByTestId('save-retry').click()
    await designer.expectSaveStatus('saved')
    let saved = await api.getFlow(flow.id)
    expect((saved.draft.steps as Array<{ key: string }>).map((s) => s.key)).toEqual([
      ...before,
      'require_email',
      'phone_number',
      'phone_number_copy',
    ])

    // Leaving right after an edit saves it on the way out instead of asking.
    await designer.paletteItem('video-call').click()
    await page.getByTestId('designer-back').click()
    await expect(page).toHaveURL(/\/flows$/)
    await expect(page.getByTestId('leave-confirm')).toHaveCount(0)
    saved = await api.getFlow(flow.id)
    await api.dispose()
    expect((saved.draft.steps as Array<{ key: string }>).at(-1)?.key).toBe('video-call')
  })

  test('a concurrent save shows both versions; overwrite keeps mine, reload takes theirs', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({ template: 'kyc-lite', name: `Conflict ${uid()}` })
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await designer.expectSaveStatus('saved')

    // Someone else saves the draft (no steps) behind this page's back.
    const theirs = { ...flow.draft, steps: [] }
    const { revision } = await api.saveDraft(flow.id, theirs, flow.revision)
    await designer.paletteItem('email').click()
    const dialog = page.getByTestId('conflict-dialog')
    await expect(dialog).toBeVisible()
    await designer.expectSaveStatus('conflict')
    await expect(dialog.getByTestId('conflict-theirs')).toContainText('0 steps')
    await expect(dialog.getByTestId('conflict-mine')).toContainText(
      `${(flow.draft.steps as unknown[]).length + 1} steps`,
    )
    await saveScreenshot(page, 'designer-conflict', { fullPage: false })
    await dialog.getByTestId('conflict-overwrite').click()
    await designer.expectSaveStatus('saved')
    let saved = await api.getFlow(flow.id)
    expect(saved.revision).toBe(revision + 1)
    expect((saved.draft.steps as unknown[]).length).toBe((flow.draft.steps as unknown[]).length + 1)

    // Again, and this time take theirs.
    await api.saveDraft(flow.id, theirs, saved.revision)
    await designer.paletteItem('liveness').click()
    await expect(dialog).toBeVisible()
    await dialog.getByTestId('conflict-reload').click()
    await expect(designer.cards).toHaveCount(0)
    await designer.expectSaveStatus('saved')
    saved = await api.getFlow(flow.id)
    await api.dispose()
    expect(saved.draft.steps).toEqual([])
  })
})
