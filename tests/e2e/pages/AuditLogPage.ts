import { expect, type Locator, type Page } from '@playwright/test'

/** The audit log (/audit): filters kept in the URL, entries linking to their targets. */
export class AuditLogPage {
  readonly heading: Locator
  readonly rows: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audit log' })
    this.rows = page.getByTestId('audit-row')
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/audit${query}`)
    await expect(this.heading).toBeVisible()
    await this.settled()
  }

  async settled(): Promise<void> {
    await expect(this.page.getByTestId('audit-panel')).toHaveAttribute('aria-busy', 'false')
  }

  filter(name: 'actor' | 'action' | 'target-type' | 'target-id' | 'from' | 'to'): Locator {
    return this.page.getByTestId(`audit-filter-${name}`)
  }

  async apply(): Promise<void> {
    await this.page.getByTestId('audit-filter-apply').click()
    await this.settled()
  }

  /** The query of the current URL, as a plain object. */
  query(): Record<string, string> {
    return Object.fromEntries(new URL(this.page.url()).searchParams)
  }
}
