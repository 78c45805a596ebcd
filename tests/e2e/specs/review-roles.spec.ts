import type { Page } from '@playwright/test'
import { expect, test, uid } from '../fixtures/index.ts'
import { DesignerPage } from '../pages/DesignerPage.ts'
import { SessionsPage } from '../pages/SessionsPage.ts'

/** What only someone who may change a flow gets in the designer. */
const DESIGNER_EDIT_CONTROLS = [
  'palette',
  'publish-open',
  'save-indicator',
  'undo',
  'redo',
  'step-delete',
  'step-duplicate',
  'question-add-string',
  'question-add-options',
  'question-delete',
  'condition-add',
]

const ADMIN_LINKS = ['nav-settings', 'nav-users', 'nav-audit']
const SESSION_LINKS = ['nav-sessions', 'nav-funnel']
const SOME_SESSION = '/sessions/00000000-0000-4000-8000-000000000000'

/** Opens each path straight from the address bar and expects to land on the flows list. */
async function expectSentAway(page: Page, paths: string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(path)
    await expect(page, `${path} sends the user away`).toHaveURL(/\/flows$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Flows' })).toBeVisible()
  }
}

/** The API's answer to a cookie-signed GET (the page's own session). */
async function statusOf(page: Page, path: string): Promise<number> {
  return (await page.request.get(path)).status()
}

test.describe('review roles', () => {
  test('a reviewer reads flows without edit controls and never sees the admin pages', async ({
    page,
    loginAs,
    api,
  }) => {
    const flow = await api.createFlow({
      template: 'marketplace-seller',
      name: `Reviewer reads ${uid()}`,
    })
    await api.publishFlow(flow.id)
    await loginAs('reviewer')

    // The sessions are theirs: the list opens.
    await page.goto('/flows')
    await expect(page.getByTestId('current-role')).toHaveText('reviewer')
    for (const link of SESSION_LINKS) await expect(page.getByTestId(link)).toBeVisible()
    for (const link of ADMIN_LINKS) await expect(page.getByTestId(link)).toHaveCount(0)
    await page.getByTestId('nav-sessions').click()
    const sessions = new SessionsPage(page)
    await expect(sessions.heading).toBeVisible()
    await expect(page).toHaveURL(/\/sessions$/)

    // The designer: read-only, not one control that would change the flow.
    const designer = new DesignerPage(page)
    await designer.goto(flow.id)
    await expect(page.getByTestId('designer-readonly')).toBeVisible()
    await expect(designer.cards).toHaveCount(4)
    await designer.card('source_of_funds').click()
    await designer.openQuestion('business_type')
    for (const testid of DESIGNER_EDIT_CONTROLS)
      await expect(page.getByTestId(testid), testid).toHaveCount(0)
    await expect(
      page.locator('[data-testid="designer"] :is(input, select, textarea):not(:disabled)'),
    ).toHaveCount(0)
    // Keyboard edits change nothing either.
    await designer.card('liveness').focus()
    await page.keyboard.press('Alt+ArrowUp')
    await page.keyboard.press('Delete')
    expect(await designer.keys()).toEqual([
      'identity-document',
      'liveness',
      'require_email',
      'source_of_funds',
    ])

    // Settings, users and the audit log: no links, and the address bar sends them away.
    await expectSentAway(page, ['/settings', '/settings?tab=review', '/users', '/audit'])
    for (const path of ['/api/settings/providers', '/api/webhooks', '/api/users', '/api/audit'])
      expect(await statusOf(page, path), path).toBe(403)
  })

  test('a designer has no sessions: no link, and /sessions sends them away', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    await page.goto('/flows')
    await expect(page.getByTestId('current-role')).toHaveText('designer')
    // What a designer does have, so the missing links are not just a page that failed to load.
    await expect(page.getByTestId('flows-new')).toBeVisible()
    await expect(page.getByTestId('nav-api-keys')).toBeVisible()
    for (const link of [...SESSION_LINKS, ...ADMIN_LINKS])
      await expect(page.getByTestId(link), link).toHaveCount(0)
    await expectSentAway(page, [
      '/sessions',
      '/sessions?status=completed&decision=none',
      SOME_SESSION,
      '/funnel',
    ])
    expect(await statusOf(page, '/api/sessions')).toBe(403)
  })

  test('a developer sees neither sessions nor settings', async ({ page, loginAs }) => {
    await loginAs('developer')
    await page.goto('/flows')
    await expect(page.getByTestId('current-role')).toHaveText('developer')
    await expect(page.getByTestId('nav-flows')).toBeVisible()
    await expect(page.getByTestId('nav-api-keys')).toBeVisible()
    for (const link of [...SESSION_LINKS, ...ADMIN_LINKS])
      await expect(page.getByTestId(link), link).toHaveCount(0)
    await expectSentAway(page, [
      '/sessions',
      SOME_SESSION,
      '/settings',
      '/settings?tab=webhooks',
      '/users',
      '/audit',
    ])
    for (const path of ['/api/sessions', '/api/settings/providers', '/api/webhooks'])
      expect(await statusOf(page, path), path).toBe(403)
  })
})
