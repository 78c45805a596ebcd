import { expect, type Locator, type Page } from '@playwright/test'

/** The admin's users list (/users) with its dialogs. */
export class UsersPage {
  readonly heading: Locator
  readonly rows: Locator
  readonly newUserDialog: Locator
  readonly roleDialog: Locator
  readonly confirm: Locator
  readonly refusal: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Users' })
    this.rows = page.getByTestId('user-row')
    this.newUserDialog = page.getByTestId('user-new-dialog')
    this.roleDialog = page.getByTestId('user-role-dialog')
    this.confirm = page.getByTestId('user-confirm')
    this.refusal = page.getByTestId('users-refusal')
  }

  async goto(): Promise<void> {
    await this.page.goto('/users')
    await expect(this.heading).toBeVisible()
    await expect(this.page.getByTestId('users-panel')).toHaveAttribute('aria-busy', 'false')
  }

  /** The row of the user with this email (filters the list to find it). */
  async row(email: string): Promise<Locator> {
    await this.page.getByTestId('users-filter').fill(email)
    return this.page.locator(`[data-testid="user-row"][data-email="${email}"]`)
  }

  async changeRole(email: string, role: string): Promise<void> {
    await (await this.row(email)).getByTestId('user-change-role').click()
    await expect(this.roleDialog).toBeVisible()
    await this.roleDialog.getByTestId(`user-role-${role}`).check()
    await this.roleDialog.getByTestId('user-role-save').click()
  }

  async deactivate(email: string): Promise<void> {
    await (await this.row(email)).getByTestId('user-deactivate').click()
    await expect(this.confirm).toBeVisible()
    await this.confirm.getByTestId('user-confirm-accept').click()
    await expect(this.confirm).toBeHidden()
  }
}
