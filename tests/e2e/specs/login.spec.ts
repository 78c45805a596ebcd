import { expectAccessible } from '../fixtures/a11y.ts'
import { ADMIN, expect, test } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { LoginPage } from '../pages/LoginPage.ts'

test.describe('sign in', () => {
  test('a wrong password shows an error and keeps the user on the sign-in page', async ({
    page,
    users,
  }) => {
    const login = new LoginPage(page)
    await login.goto()
    await expectAccessible(page, 'the sign-in page')
    await saveScreenshot(page, 'login')
    await login.signIn(users.designer.email, 'not-the-password')
    await expect(login.error).toHaveText('Wrong email or password.')
    await expect(login.password).toHaveValue('')
    await expect(page).toHaveURL(/\/login$/)
    await saveScreenshot(page, 'login-error')
  })

  test('empty fields are named before anything is sent', async ({ page }) => {
    const login = new LoginPage(page)
    await login.goto()
    await login.submit.click()
    await expect(page.getByTestId('login-email-error')).toHaveText('Enter your email address.')
    await expect(page.getByTestId('login-password-error')).toHaveText('Enter your password.')
    await expect(login.email).toHaveAttribute('aria-invalid', 'true')
  })

  test('the right password lands on the flows list, with the role in the header', async ({
    page,
  }) => {
    const login = new LoginPage(page)
    await login.goto()
    await login.signIn(ADMIN.email, ADMIN.password)
    await expect(page).toHaveURL(/\/flows$/)
    await expect(page.getByRole('heading', { level: 1, name: 'Flows' })).toBeVisible()
    await expect(page.getByTestId('current-role')).toHaveText('admin')
  })

  test('after sign-in the user goes back to the page they asked for', async ({ page, users }) => {
    await page.goto('/flows?q=kyc')
    await expect(page).toHaveURL(/\/login\?redirect=/)
    await expect(page.getByTestId('login-session-ended')).toBeVisible()
    await new LoginPage(page).signIn(users.reviewer.email, users.reviewer.password)
    await expect(page).toHaveURL(/\/flows\?q=kyc$/)
    await expect(page.getByTestId('flows-search')).toHaveValue('kyc')
  })

  test('too many wrong passwords lock the email with a clear message (429 LOGIN_LOCKED)', async ({
    page,
    api,
  }) => {
    const user = await api.createUser('designer')
    const login = new LoginPage(page)
    await login.goto()
    for (let attempt = 1; attempt <= 5; attempt++) {
      await login.signIn(user.email, `wrong-${attempt}`)
      await expect(login.error).toHaveAttribute('data-code', 'INVALID_CREDENTIALS')
    }
    await login.signIn(user.email, user.password)
    await expect(login.error).toHaveAttribute('data-code', 'LOGIN_LOCKED')
    await expect(login.error).toContainText('Too many failed sign-ins for this email')
    await expect(login.error).toContainText('locked for 15 minutes')
    await saveScreenshot(page, 'login-locked')
  })

  test('signing out ends the session', async ({ page, loginAs }) => {
    await loginAs('designer')
    await page.goto('/flows')
    await page.getByTestId('sign-out').click()
    await expect(page).toHaveURL(/\/login$/)
    await page.goto('/flows')
    await expect(page).toHaveURL(/\/login\?redirect=(%2F|\/)flows$/)
  })
})
