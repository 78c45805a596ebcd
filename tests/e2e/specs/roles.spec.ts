import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { FlowsListPage } from '../pages/FlowsListPage.ts'

const EDIT_CONTROLS = [
  'flows-new',
  'flows-import',
  'flows-empty-new',
  'flows-empty-import',
  'flow-duplicate',
  'flow-archive',
  'flow-unarchive',
]

test.describe('roles', () => {
  test('a reviewer sees the flows but no edit control anywhere on the list', async ({
    page,
    loginAs,
    api,
  }) => {
    const tag = uid()
    await api.createFlow({ name: `Reviewed flow ${tag}`, template: 'kyc-lite' })
    const archived = await api.createFlow({ name: `Reviewed archived ${tag}` })
    await api.archiveFlow(archived.id)
    await loginAs('reviewer')
    const flows = new FlowsListPage(page)
    await flows.goto(`?q=${tag}&archived=all`)
    await expect(flows.rows).toHaveCount(2)
    await expect(page.getByTestId('current-role')).toHaveText('reviewer')
    for (const testid of EDIT_CONTROLS) await expect(page.getByTestId(testid)).toHaveCount(0)
    await expect(flows.row(`Reviewed flow ${tag}`).getByTestId('flow-open')).toBeVisible()
    await expectAccessible(page, 'the flows list of a reviewer')
    await saveScreenshot(page, 'flows-list-reviewer')
  })

  test('a developer reads flows without edit controls too; a designer gets them', async ({
    page,
    loginAs,
  }) => {
    await loginAs('developer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await expect(flows.newFlowButton).toHaveCount(0)
    await expect(flows.importButton).toHaveCount(0)
    await page.context().clearCookies()
    await loginAs('designer')
    await flows.goto()
    await expect(flows.newFlowButton).toBeVisible()
    await expect(flows.importButton).toBeVisible()
  })

  test('the API refuses a reviewer’s write even without the buttons', async ({ page, loginAs }) => {
    await loginAs('reviewer')
    const me = await (await page.request.get('/api/auth/me')).json()
    const response = await page.request.post('/api/flows', {
      data: { name: 'sneaky' },
      headers: { 'X-CSRF-Token': me.data.csrfToken },
    })
    expect(response.status()).toBe(403)
  })
})
