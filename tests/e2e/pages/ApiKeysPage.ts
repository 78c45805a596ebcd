import { expect, type Locator, type Page } from '@playwright/test'

/** The signed-in user's own API keys (/api-keys). */
export class ApiKeysPage {
  readonly heading: Locator
  readonly rows: Locator
  readonly newKeyDialog: Locator
  readonly confirm: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'API keys' })
    this.rows = page.getByTestId('api-key-row')
    this.newKeyDialog = page.getByTestId('api-key-new-dialog')
    this.confirm = page.getByTestId('api-key-confirm')
  }

  async goto(): Promise<void> {
    await this.page.goto('/api-keys')
    await expect(this.heading).toBeVisible()
    await expect(this.page.getByTestId('api-keys-panel')).toHaveAttribute('aria-busy', 'false')
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('rowheader', { name }) })
  }

  /** Creates a key and returns the secret shown once. */
  async create(name: string, uncheck: string[] = []): Promise<string> {
    await this.page.getByTestId('api-key-new').click()
    await expect(this.newKeyDialog).toBeVisible()
    await this.newKeyDialog.getByTestId('api-key-name').fill(name)
    for (const scope of uncheck)
      await this.newKeyDialog.getByTestId(`api-key-scope-${scope}`).uncheck()
    await this.newKeyDialog.getByTestId('api-key-new-submit').click()
    const value = this.newKeyDialog.getByTestId('api-key-secret-value')
    await expect(value).toBeVisible()
    return (await value.textContent())!.trim()
  }

  async revoke(name: string): Promise<void> {
    await this.row(name).getByTestId('api-key-revoke').click()
    await expect(this.confirm).toBeVisible()
    await this.confirm.getByTestId('api-key-confirm-accept').click()
    await expect(this.confirm).toBeHidden()
  }
}
