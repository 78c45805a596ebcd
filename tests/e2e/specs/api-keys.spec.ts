import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, signIn, test, uid } from '../fixtures/index.ts'
import { bearerContext } from '../fixtures/private-api.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { ApiKeysPage } from '../pages/ApiKeysPage.ts'

test.describe('API keys', () => {
  test('a developer creates a key within their role, uses it, and revokes it', async ({
    page,
    api,
    baseURL,
  }) => {
    // A user of this test's own: the list starts empty.
    const developer = await api.createUser('developer', `Key owner ${uid()}`)
    await signIn(page, developer)
    const keys = new ApiKeysPage(page)
    await keys.goto()
    await expect(page.getByTestId('api-keys-empty')).toBeVisible()
    await saveScreenshot(page, 'api-keys-empty')

    await page.getByTestId('api-key-new').click()
    const dialog = keys.newKeyDialog
    // The role bounds the scopes: a developer is offered no admin permission.
    await expect(dialog.getByTestId('api-key-scope-flows:read')).toBeChecked()
    await expect(dialog.getByTestId('api-key-scope-sessions:launch')).toBeChecked()
    await expect(dialog.getByTestId('api-key-scope-settings:manage')).toHaveCount(0)
    await expect(dialog.getByTestId('api-key-scope-sessions:read')).toHaveCount(0)
    await dialog.getByTestId('api-key-new-cancel').click()

    const name = `CI pipeline ${uid()}`
    const secret = await keys.create(name, ['sessions:launch'])
    await expect(dialog.getByTestId('api-key-secret-warning')).toContainText(
      'will not be shown again',
    )
    await expect(dialog.getByTestId('api-key-secret-copy')).toBeVisible()
    await expectAccessible(page, 'the new API key')
    await saveScreenshot(page, 'api-keys-secret', { fullPage: false })
    await dialog.getByTestId('api-key-secret-done').click()
    await expect(dialog).toBeHidden()
    expect(await page.content()).not.toContain(secret)
    const listed = await page.request.get('/api/api-keys')
    expect(await listed.text()).not.toContain(secret)

    const row = keys.row(name)
    await expect(row.getByTestId('api-key-prefix')).toHaveText(`${secret.slice(0, 12)}…`)
    await expect(row).toContainText('flows:read')
    await expect(row).not.toContainText('sessions:launch')
    await expect(row.getByTestId('api-key-last-used')).toHaveText('Never')

    const client = await bearerContext(baseURL!, secret)
    const me = await client.get('/api/auth/me')
    expect(me.status()).toBe(200)
    expect((await me.json()).data.user.email).toBe(developer.email)
    // The API notes the use right after answering: look again until the list shows it.
    await expect(async () => {
      await keys.goto()
      await expect(keys.row(name).getByTestId('api-key-last-used')).not.toHaveText('Never', {
        timeout: 1000,
      })
    }).toPass()

    await keys.revoke(name)
    await expect(keys.row(name).getByTestId('api-key-revoked')).toBeVisible()
    await expect(keys.row(name).getByTestId('api-key-revoke')).toHaveCount(0)
    expect((await client.get('/api/auth/me')).status()).toBe(401)
    await client.dispose()

    await expectAccessible(page, 'the API keys list')
    await saveScreenshot(page, 'api-keys-list')
  })

  test('every role has its own keys page; an admin may give a key admin scopes', async ({
    page,
    loginAs,
  }) => {
    await loginAs('reviewer')
    const keys = new ApiKeysPage(page)
    await keys.goto()
    await page.getByTestId('api-key-new').click()
    await expect(keys.newKeyDialog.getByTestId('api-key-scope-sessions:decide')).toBeVisible()
    await expect(keys.newKeyDialog.getByTestId('api-key-scope-flows:write')).toHaveCount(0)
    await keys.newKeyDialog.getByTestId('api-key-new-cancel').click()
    await page.context().clearCookies()
    await loginAs('admin')
    await keys.goto()
    await page.getByTestId('api-key-new').click()
    await expect(keys.newKeyDialog.getByTestId('api-key-scope-users:manage')).toBeVisible()
  })
})
