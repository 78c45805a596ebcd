import { expect, type Locator, type Page } from '@playwright/test'

/** The flows list (/flows) with its dialogs: new flow, import, confirm. */
export class FlowsListPage {
  readonly heading: Locator
  readonly search: Locator
  readonly rows: Locator
  readonly newFlowButton: Locator
  readonly importButton: Locator
  readonly loadMore: Locator
  readonly confirm: Locator
  readonly newFlowDialog: Locator
  readonly importDialog: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Flows' })
    this.search = page.getByTestId('flows-search')
    this.rows = page.getByTestId('flow-row')
    this.newFlowButton = page.getByTestId('flows-new')
    this.importButton = page.getByTestId('flows-import')
    this.loadMore = page.getByTestId('flows-load-more')
    this.confirm = page.getByTestId('flow-confirm')
    this.newFlowDialog = page.getByTestId('new-flow-dialog')
    this.importDialog = page.getByTestId('import-dialog')
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/flows${query}`)
    await expect(this.heading).toBeVisible()
    await this.settled()
  }

  /** The row of the flow with exactly this name. */
  row(name: string): Locator {
    return this.rows.filter({
      has: this.page.getByTestId('flow-link').getByText(name, { exact: true }),
    })
  }

  /** Types into the search box and waits until the URL and the list follow. */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text)
    await expect
      .poll(() => new URL(this.page.url()).searchParams.get('q'))
      .toBe(text.trim() || null)
    await this.settled()
  }

  /** Waits until the list has its answer (no search or page load under way). */
  async settled(): Promise<void> {
    await expect(this.page.getByTestId('flows-panel')).toHaveAttribute('aria-busy', 'false')
  }

  async showArchived(which: 'active' | 'archived' | 'all'): Promise<void> {
    await this.page.getByTestId(`flows-filter-${which}`).check()
    await expect
      .poll(() => new URL(this.page.url()).searchParams.get('archived'))
      .toBe({ active: null, archived: 'true', all: 'all' }[which])
    await this.settled()
  }

  async createFromTemplate(templateId: string, name?: string): Promise<void> {
    await this.newFlowButton.click()
    await expect(this.newFlowDialog).toBeVisible()
    await this.newFlowDialog.getByTestId(`template-card-${templateId}`).click()
    if (name) await this.newFlowDialog.getByTestId('new-flow-name').fill(name)
    await this.newFlowDialog.getByTestId('new-flow-submit').click()
  }

  async duplicate(name: string): Promise<void> {
    await this.row(name).getByTestId('flow-duplicate').click()
  }

  async archive(name: string): Promise<void> {
    await this.row(name).getByTestId('flow-archive').click()
    await expect(this.confirm).toBeVisible()
    await this.confirm.getByTestId('flow-confirm-accept').click()
    await expect(this.confirm).toBeHidden()
  }

  async unarchive(name: string): Promise<void> {
    await this.row(name).getByTestId('flow-unarchive').click()
    await expect(this.confirm).toBeVisible()
    await this.confirm.getByTestId('flow-confirm-accept').click()
    await expect(this.confirm).toBeHidden()
  }

  async openImport(): Promise<void> {
    await this.importButton.click()
    await expect(this.importDialog).toBeVisible()
  }

  /** Pastes a payload into the import dialog and waits for the dry-run report. */
  async pasteImport(payload: unknown | string): Promise<void> {
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2)
    await this.importDialog.getByTestId('import-text').fill(text)
  }

  get importReport(): Locator {
    return this.importDialog.getByTestId('import-report')
  }

  get importSubmit(): Locator {
    return this.importDialog.getByTestId('import-submit')
  }
}
