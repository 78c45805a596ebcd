import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from '../fixtures/api-server.ts'
import { DesignerApi } from '../fixtures/designer-api.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { DesignerPage } from '../pages/DesignerPage.ts'

test.describe('designer: versions and export', () => {
  test('publish with a note (blocked while invalid), history, diff, restore', async ({
    page,
    loginAs,
  }) => {
    const me = await loginAs('designer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({ template: 'marketplace-seller', name: `Versions ${uid()}` })
    await api.dispose()
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await expect(page.getByTestId('designer-version')).toHaveText('Draft · never published')

    // An error blocks publishing; the list leads to it.
    await designer.selectStep('require_email')
    await designer.inspector.getByTestId('step-key-input').fill('liveness')
    await page.getByTestId('publish-open').click()
    const dialog = page.getByTestId('publish-dialog')
    await expect(dialog.getByTestId('publish-blocked')).toBeVisible()
    await expect(dialog.getByTestId('publish-submit')).toHaveCount(0)
    await saveScreenshot(page, 'designer-publish-blocked', { fullPage: false })
    await dialog.getByTestId('publish-blocked-issue').first().click()
    await expect(dialog).toBeHidden()
    await expect(designer.inspector.getByTestId('step-key-input')).toBeFocused()
    await designer.inspector.getByTestId('step-key-input').fill('require_email')

    await designer.publish('First version for sellers')
    await expect(page.getByTestId('designer-version')).toHaveText('Draft · v1 published')

    // Change the draft: move a step, change a flag, remove a step, change a question.
    await designer.card('liveness').focus()
    await page.keyboard.press('Alt+ArrowDown')
    await page.keyboard.press('Alt+ArrowDown')
    await designer.selectStep('liveness')
    await designer.flag('allow_face_upload').check()
    await designer.card('identity-document').getByTestId('step-delete').click()
    await designer.selectStep('source_of_funds')
    const editor = await designer.openQuestion('company_name')
    await editor.getByTestId('question-mandatory').uncheck()
    await designer.expectSaveStatus('saved')

    await designer.tab('versions')
    const row = page.locator('[data-testid="version-row"][data-version="1"]')
    await expect(row.getByTestId('version-note')).toHaveText('First version for sellers')
    await expect(row).toContainText(me.email)
    await row.getByTestId('version-compare').click()
    const diff = page.getByTestId('flow-diff')
    await expect(diff.getByTestId('diff-summary')).toContainText('1 removed · 1 moved · 2 changed')
    const step = (key: string) => diff.locator(`[data-testid="diff-step"][data-key="${key}"]`)
    await expect(step('liveness')).toHaveAttribute('data-moved', 'true')
    await expect(step('liveness').getByTestId('diff-change')).toContainText('Allow selfie upload')
    await expect(step('identity-document')).toHaveAttribute('data-kind', 'removed')
    const question = step('source_of_funds').locator(
      '[data-testid="diff-question"][data-key="company_name"]',
    )
    await expect(question).toContainText('Mandatory')
    await saveScreenshot(page, 'designer-diff', { fullPage: false })

    // Restore v1 into the draft; undo brings the edited draft back.
    await row.getByTestId('version-restore').click()
    await page.getByTestId('restore-confirm-accept').click()
    await expect(page.getByTestId('diff-identical')).toBeVisible()
    await designer.tab('design')
    expect(await designer.keys()).toEqual([
      'identity-document',
      'liveness',
      'require_email',
      'source_of_funds',
    ])
    await designer.undo()
    expect(await designer.keys()).toEqual(['require_email', 'source_of_funds', 'liveness'])
    await designer.expectSaveStatus('saved')
  })

  test('export to identomat is exactly what the CLI prints for the same flow', async ({
    page,
    loginAs,
  }) => {
    await loginAs('developer')
    const api = await DesignerApi.create()
    const flow = await api.createFlow({ template: 'marketplace-seller', name: `Export ${uid()}` })
    const saved = await api.getFlow(flow.id)
    await api.dispose()
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await designer.tab('export')
    await page.getByTestId('export-target-identomat').click()
    const downloading = page.waitForEvent('download')
    await page.getByTestId('export-payload-download').click()
    const download = await downloading
    const exported = readFileSync(await download.path(), 'utf8')

    const dir = mkdtempSync(join(tmpdir(), 'veriflow-export-'))
    const file = join(dir, 'flow.json')
    writeFileSync(file, JSON.stringify(saved.draft))
    const cli = execFileSync(
      'pnpm',
      ['--silent', 'veriflow', 'export', '--target', 'identomat', file],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    )
    expect(exported).toBe(cli)
    await expect(page.getByTestId('export-payload')).toContainText('"company_key": "<company_key>"')
    await expect(page.getByTestId('export-curl')).toContainText(`"flowId": "${flow.id}"`)
    await expect(page.getByTestId('export-curl')).toContainText('Authorization: Bearer <API key>')
    const schema = await page.request.get(
      (await page.getByTestId('export-schema-download').getAttribute('href'))!,
    )
    expect((await schema.json()).$id).toBe('urn:veriflow:schema:flow:1')
    await saveScreenshot(page, 'designer-export', { fullPage: false })
  })
})
