import { readFileSync } from 'node:fs'
import { expectAccessible } from '../fixtures/a11y.ts'
import { startApi } from '../fixtures/api-server.ts'
import { expect, test } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'

test.describe('invitation and set-up links', () => {
  test('an invited user sets a password and is signed in', async ({ page, api }) => {
    const invited = await api.inviteUser('designer', 'Ines Invited')
    const link = new URL(invited.inviteUrl)
    expect(link.pathname).toBe('/accept-invite')
    await page.goto(`${link.pathname}${link.search}`)
    await expect(page.getByRole('heading', { name: 'Set your password' })).toBeVisible()
    await expectAccessible(page, 'the accept-invite page')
    await saveScreenshot(page, 'accept-invite')

    await page.getByTestId('accept-invite-password').fill('short')
    await page.getByTestId('accept-invite-submit').click()
    await expect(page.getByTestId('accept-invite-password-error')).toHaveText(
      'Use at least 10 characters.',
    )
    await page.getByTestId('accept-invite-password').fill('a long enough password')
    await page.getByTestId('accept-invite-confirmation').fill('a different password')
    await page.getByTestId('accept-invite-submit').click()
    await expect(page.getByTestId('accept-invite-confirmation-error')).toHaveText(
      'The two passwords differ.',
    )
    await page.getByTestId('accept-invite-confirmation').fill('a long enough password')
    await page.getByTestId('accept-invite-submit').click()
    await expect(page).toHaveURL(/\/flows$/)
    await expect(page.getByTestId('current-user')).toContainText(invited.email)
    await expect(page.getByTestId('toast-success')).toContainText('Welcome, Ines Invited')

    // The link works once.
    await page.context().clearCookies()
    await page.goto(`${link.pathname}${link.search}`)
    await page.getByTestId('accept-invite-password').fill('another long password')
    await page.getByTestId('accept-invite-confirmation').fill('another long password')
    await page.getByTestId('accept-invite-submit').click()
    await expect(page.getByTestId('accept-invite-invalid')).toContainText(
      'invalid, already used or expired',
    )
  })

  test('an invitation link without its token says so', async ({ page }) => {
    await page.goto('/accept-invite')
    await expect(page.getByTestId('accept-invite-invalid')).toContainText('incomplete')
  })

  test('the set-up page of an installed Veriflow sends people to sign in', async ({ page }) => {
    await page.goto('/setup?token=whatever')
    await expect(page.getByTestId('setup-done')).toBeVisible()
    await saveScreenshot(page, 'setup-done')
    await page.getByTestId('setup-sign-in').click()
    await expect(page).toHaveURL(/\/login$/)
  })

  test('a set-up link without its token says so', async ({ page }) => {
    await page.goto('/setup')
    await expect(page.getByTestId('setup-no-token')).toBeVisible()
  })
})

test.describe('first run', () => {
  test('the set-up link from the server log creates the first admin', async ({ browser }) => {
    test.setTimeout(120_000)
    // A second, empty installation: no ADMIN_EMAIL and no ADMIN_TOKEN, so it prints a set-up link.
    const fresh = await startApi('api-first-run', {
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
      ADMIN_TOKEN: '',
    })
    try {
      let setupPath = ''
      await expect
        .poll(() => {
          const match = /\/setup\?token=[^\s"]+/.exec(readFileSync(fresh.logFile, 'utf8'))
          setupPath = match?.[0] ?? ''
          return setupPath
        })
        .not.toBe('')
      const context = await browser.newContext({ baseURL: fresh.baseUrl })
      const page = await context.newPage()

      await page.goto('/login')
      await expect(page.getByTestId('login-setup-pending')).toBeVisible()

      await page.goto(setupPath)
      await expect(page.getByRole('heading', { name: 'Set up Veriflow' })).toBeVisible()
      await page.getByTestId('setup-submit').click()
      await expect(page.getByTestId('setup-name-error')).toHaveText('Enter your name.')
      await expectAccessible(page, 'the set-up page')
      await saveScreenshot(page, 'setup')

      await page.getByTestId('setup-name').fill('Ada Admin')
      await page.getByTestId('setup-email').fill('ada@first-run.test')
      await page.getByTestId('setup-password').fill('the first admin password')
      await page.getByTestId('setup-confirmation').fill('the first admin password')
      await page.getByTestId('setup-submit').click()
      await expect(page).toHaveURL(/\/flows$/)
      await expect(page.getByTestId('current-role')).toHaveText('admin')
      await expect(page.getByTestId('flows-empty')).toBeVisible()
      await saveScreenshot(page, 'flows-empty')
      await context.close()
    } finally {
      await fresh.stop()
    }
  })
})
