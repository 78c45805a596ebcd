import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectAccessible } from '../fixtures/a11y.ts'
import { REPO_ROOT } from '../fixtures/api-server.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { FlowsListPage } from '../pages/FlowsListPage.ts'

const EXAMPLES = join(REPO_ROOT, 'examples/identomat')
const example = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as unknown

/** An Identomat body with three errors (unknown step type, a string flag, a relative URL). */
const BROKEN = {
  company_key: '<company_key>',
  flags: { language: 'en', return_url: 'done.html' },
  steps: [
    { type: 'selfie-dance', key: 'dance' },
    { type: 'liveness', key: 'liveness', flags: { liveness: 'yes' } },
  ],
}

test.describe('import', () => {
  test('an Identomat payload: detected, report first, then imported into the designer', async ({
    page,
    loginAs,
    api,
  }) => {
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.openImport()
    const dialog = flows.importDialog
    await expect(dialog.getByTestId('import-text')).toBeFocused()
    await expect(flows.importSubmit).toBeDisabled()

    await flows.pasteImport(example('08-user-questionnaire.json'))
    await expect(dialog.getByTestId('import-detected')).toContainText(
      'Detected: Identomat begin body (found company_key, flags',
    )
    await expect(dialog.getByTestId('import-summary')).toHaveText(
      'Ready to import: no errors, no warnings.',
    )
    await expect(flows.importSubmit).toBeEnabled()
    await expectAccessible(page, 'the import dialog with a report')
    await saveScreenshot(page, 'import-report-ok', { fullPage: false })

    const name = `Source of funds ${uid()}`
    await dialog.getByTestId('import-name').fill(name)
    await expect(flows.importSubmit).toBeDisabled() // the report is for the old name until re-checked
    await expect(flows.importSubmit).toBeEnabled()
    await flows.importSubmit.click()
    await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/)
    const flow = await api.getFlow(page.url().split('/').pop()!)
    expect(flow.name).toBe(name)
    expect((flow.draft?.steps as Array<{ type: string }>)[0]?.type).toBe('user-questionnaire')
  })

  test('a file upload is read, checked and shows warnings without blocking', async ({
    page,
    loginAs,
  }) => {
    await loginAs('admin')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.openImport()
    const dialog = flows.importDialog
    await dialog
      .getByTestId('import-file')
      .setInputFiles(join(EXAMPLES, '02-document-countries-active-liveness.json'))
    await expect(dialog.getByTestId('import-file-name')).toHaveText(
      '02-document-countries-active-liveness.json',
    )
    await expect(dialog.getByTestId('import-summary')).toHaveAttribute('data-valid', 'true')
    await expect(flows.importSubmit).toBeEnabled()
  })

  test('a Veriflow flow file is detected as such and imported', async ({ page, loginAs, api }) => {
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.openImport()
    const dialog = flows.importDialog
    await dialog
      .getByTestId('import-file')
      .setInputFiles(join(REPO_ROOT, 'examples/flows/video-kyc.json'))
    await expect(dialog.getByTestId('import-detected')).toContainText('Detected: Veriflow flow')
    await expect(dialog.getByTestId('import-summary')).toHaveAttribute('data-valid', 'true')
    const name = `Video KYC import ${uid()}`
    await dialog.getByTestId('import-name').fill(name)
    await expect(flows.importSubmit).toBeEnabled()
    await flows.importSubmit.click()
    await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/)
    const flow = await api.getFlow(page.url().split('/').pop()!)
    expect(flow.name).toBe(name)
    expect((flow.draft?.steps as unknown[]).length).toBe(4)
  })

  test('a broken payload lists its errors with paths and cannot be imported', async ({
    page,
    loginAs,
    api,
  }) => {
    const name = `Broken import ${uid()}`
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.openImport()
    const dialog = flows.importDialog
    await flows.pasteImport(BROKEN)
    await dialog.getByTestId('import-name').fill(name)
    const summary = dialog.getByTestId('import-summary')
    await expect(summary).toHaveAttribute('data-valid', 'false')
    await expect(summary).toContainText('3 errors')
    await expect(summary).toContainText('Nothing has been imported')
    const errors = dialog.locator('[data-testid="import-issue"][data-severity="error"]')
    await expect(errors).toHaveCount(3)
    const paths = await errors.getByTestId('import-issue-path').allTextContents()
    expect(paths.sort()).toEqual(['/flags/return_url', '/steps/0/type', '/steps/1/flags/liveness'])
    await expect(errors.filter({ hasText: '/steps/0/type' })).toContainText('SCHEMA_ENUM')
    await expect(errors.filter({ hasText: '/steps/1/flags/liveness' })).toContainText('"yes"')
    await expect(flows.importSubmit).toBeDisabled()
    await expectAccessible(page, 'the import dialog with errors')
    await saveScreenshot(page, 'import-report-errors', { fullPage: false })
    await dialog.getByTestId('import-cancel').click()
    await expect(dialog).toBeHidden()
    expect(await api.listFlows({ q: name, archived: 'all' })).toEqual([])
  })

  test('broken JSON is pointed at by line and column, and never sent', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.openImport()
    const dialog = flows.importDialog
    await flows.pasteImport('{\n  "company_key": "k",\n  "flags": {}\n  "steps": []\n}')
    await expect(dialog.getByTestId('import-parse-error')).toContainText('(line 4, column 3)')
    await expect(dialog.getByTestId('import-check')).toBeDisabled()
    await expect(flows.importSubmit).toBeDisabled()
    await expect(flows.importReport).toHaveCount(0)
  })

  test('the user may override the detected format', async ({ page, loginAs }) => {
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.openImport()
    const dialog = flows.importDialog
    await flows.pasteImport(example('01-identity-document.json'))
    await expect(dialog.getByTestId('import-summary')).toHaveAttribute('data-valid', 'true')
    await dialog.getByTestId('import-format').selectOption('veriflow')
    await expect(dialog.getByTestId('import-summary')).toHaveAttribute('data-valid', 'false')
    await expect(
      dialog.getByTestId('import-issue-path').getByText('/company_key', { exact: true }),
    ).toBeVisible()
    await expect(flows.importSubmit).toBeDisabled()
  })
})
