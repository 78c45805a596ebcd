import { request } from '@playwright/test'
import { expectAccessible } from '../fixtures/a11y.ts'
import { ADMIN, expect, test, uid } from '../fixtures/index.ts'
import { signInAsFirstAdmin, startPrivateApi } from '../fixtures/private-api.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { UsersPage } from '../pages/UsersPage.ts'

test.describe('users', () => {
  test('an admin invites a reviewer, changes the role, deactivates and reactivates', async ({
    page,
    loginAs,
    baseURL,
  }) => {
    const me = await loginAs('admin')
    const users = new UsersPage(page)
    await users.goto()
    const own = await users.row(me.email)
    await expect(own.getByTestId('user-you')).toHaveText('You')

    // Invited: no password yet, the link is shown once.
    const invited = `aa-reviewer-${uid()}@e2e.test`
    await page.getByTestId('user-new').click()
    await expect(users.newUserDialog).toBeVisible()
    await users.newUserDialog.getByTestId('user-new-submit').click()
    await expect(users.newUserDialog.getByTestId('user-new-email-error')).toBeVisible()
    await users.newUserDialog.getByTestId('user-new-email').fill(invited)
    await users.newUserDialog.getByTestId('user-new-name').fill('Rita Reviewer')
    await users.newUserDialog.getByTestId('user-new-role-reviewer').check()
    await users.newUserDialog.getByTestId('user-new-submit').click()
    const link = users.newUserDialog.getByTestId('user-invite-value')
    await expect(link).toContainText('/accept-invite?token=')
    const inviteUrl = (await link.textContent())!.trim()
    await expect(users.newUserDialog.getByTestId('user-invite-warning')).toContainText(
      'will not be shown again',
    )
    await saveScreenshot(page, 'users-invite-link', { fullPage: false })
    await users.newUserDialog.getByTestId('user-invite-done').click()
    await expect(users.newUserDialog).toBeHidden()
    expect(await page.content()).not.toContain(inviteUrl)
    const row = await users.row(invited)
    await expect(row.getByTestId('user-status')).toHaveText('Invited')
    await expect(row.getByTestId('user-role')).toHaveText('Reviewer')
    // A new link replaces the first one.
    await row.getByTestId('user-reinvite').click()
    const reinvite = page.getByTestId('user-reinvite-dialog')
    await expect(reinvite.getByTestId('user-invite-value')).toContainText('/accept-invite?token=')
    expect((await reinvite.getByTestId('user-invite-value').textContent())!.trim()).not.toBe(
      inviteUrl,
    )
    await reinvite.getByTestId('user-invite-done').click()
    await expect(reinvite).toBeHidden()

    // The same email twice: the API's refusal on the email field.
    await page.getByTestId('user-new').click()
    await users.newUserDialog.getByTestId('user-new-email').fill(invited)
    await users.newUserDialog.getByTestId('user-new-name').fill('Again')
    await users.newUserDialog.getByTestId('user-new-submit').click()
    await expect(users.newUserDialog.getByTestId('user-new-problem')).toContainText('exists')
    await users.newUserDialog.getByTestId('user-new-cancel').click()

    // With a password: they can sign in straight away.
    const email = `ab-reviewer-${uid()}@e2e.test`
    const password = `pw-${uid()}-long-enough`
    await page.getByTestId('user-new').click()
    await users.newUserDialog.getByTestId('user-new-email').fill(email)
    await users.newUserDialog.getByTestId('user-new-name').fill('Rob Reviewer')
    await users.newUserDialog.getByTestId('user-new-set-password').check()
    await users.newUserDialog.getByTestId('user-new-password').fill(password)
    await users.newUserDialog.getByTestId('user-new-submit').click()
    await expect(page.getByTestId('toast-success')).toContainText(`${email} can sign in now`)
    const reviewer = await users.row(email)
    await expect(reviewer.getByTestId('user-status')).toHaveText('Active')

    await users.changeRole(email, 'designer')
    await expect(users.roleDialog).toBeHidden()
    await expect(reviewer.getByTestId('user-role')).toHaveText('Designer')
    await page.reload()
    await expect((await users.row(email)).getByTestId('user-role')).toHaveText('Designer')

    await (await users.row(email)).getByTestId('user-deactivate').click()
    await expect(users.confirm).toContainText('API keys stop working')
    await expectAccessible(page, 'the deactivate confirmation')
    await users.confirm.getByTestId('user-confirm-accept').click()
    await expect(reviewer.getByTestId('user-status')).toHaveText('Deactivated')
    const outsider = await request.newContext({ baseURL })
    const refused = await outsider.post('/api/auth/login', { data: { email, password } })
    expect(refused.status()).toBe(401)

    await reviewer.getByTestId('user-reactivate').click()
    await users.confirm.getByTestId('user-confirm-accept').click()
    await expect(reviewer.getByTestId('user-status')).toHaveText('Active')
    const back = await outsider.post('/api/auth/login', { data: { email, password } })
    expect(back.status()).toBe(200)
    await outsider.dispose()

    await page.getByTestId('users-filter').fill('')
    await expectAccessible(page, 'the users list')
    await saveScreenshot(page, 'users-list')
  })

  test('the last active admin can be neither demoted nor deactivated', async ({ page }) => {
    // Only a fresh installation has a single admin: this test gets an API of its own.
    test.setTimeout(120_000)
    const api = await startPrivateApi('api-last-admin')
    try {
      await signInAsFirstAdmin(page, api)
      await page.goto(`${api.baseUrl}/users`)
      const users = new UsersPage(page)
      await expect(users.heading).toBeVisible()
      const own = await users.row(ADMIN.email)
      await expect(own.getByTestId('user-you')).toBeVisible()

      await users.changeRole(ADMIN.email, 'reviewer')
      await expect(users.roleDialog.getByTestId('user-role-self-warning')).toBeVisible()
      const refusal = users.roleDialog.getByTestId('user-role-refusal')
      await expect(refusal).toContainText('Veriflow needs at least one active admin')
      await saveScreenshot(page, 'users-last-admin-role', { fullPage: false })
      await users.roleDialog.getByTestId('user-role-cancel').click()
      await expect(own.getByTestId('user-role')).toHaveText('Admin')

      await users.deactivate(ADMIN.email)
      await expect(users.refusal).toContainText('Veriflow needs at least one active admin')
      await expect(own.getByTestId('user-status')).toHaveText('Active')
      await expectAccessible(page, 'the last-admin refusal')
      await saveScreenshot(page, 'users-last-admin')
    } finally {
      await api.stop()
    }
  })
})
