import { expect, type Locator, type Page } from '@playwright/test'

/** Filter selects of the sessions list, by their data-testid suffix. */
export type SessionsFilterName =
  'status' | 'outcome' | 'decision' | 'reviewer' | 'flow' | 'version' | 'test' | 'target'

/** The sessions list (/sessions): filters, saved views, the virtualised table, CSV export. */
export class SessionsPage {
  readonly heading: Locator
  readonly table: Locator
  readonly scroller: Locator
  readonly rows: Locator
  readonly search: Locator
  readonly count: Locator
  readonly panel: Locator
  readonly savedViews: Locator
  readonly saveViewButton: Locator
  readonly saveDialog: Locator
  readonly deleteConfirm: Locator
  readonly exportCsv: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sessions' })
    this.table = page.getByTestId('sessions-table')
    this.scroller = page.getByTestId('sessions-scroller')
    this.rows = page.getByTestId('session-row')
    this.search = page.getByTestId('sessions-search')
    this.count = page.getByTestId('sessions-count')
    this.panel = page.getByTestId('sessions-panel')
    this.savedViews = page.getByTestId('saved-views')
    this.saveViewButton = page.getByTestId('save-view')
    this.saveDialog = page.getByTestId('save-view-dialog')
    this.deleteConfirm = page.getByTestId('delete-view-confirm')
    this.exportCsv = page.getByTestId('sessions-export-csv')
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/sessions${query}`)
    await expect(this.heading).toBeVisible()
    await this.settled()
  }

  /** Waits until the list has its answer (no load under way). */
  async settled(): Promise<void> {
    await expect(this.panel).toHaveAttribute('aria-busy', 'false')
  }

  /** The URL's query as an object. */
  query(): Record<string, string> {
    return Object.fromEntries(new URL(this.page.url()).searchParams)
  }

  filter(name: SessionsFilterName): Locator {
    return this.page.getByTestId(`filter-${name}`)
  }

  /** Chooses an option (by its value) and waits until the URL and the list follow. */
  async choose(name: SessionsFilterName, value: string, urlKey: string): Promise<void> {
    await this.filter(name).selectOption(value)
    await expect.poll(() => this.query()[urlKey] ?? '').toBe(value)
    await this.settled()
  }

  async chooseFlow(flowId: string): Promise<void> {
    await this.choose('flow', flowId, 'flowId')
  }

  async searchFor(text: string): Promise<void> {
    await this.search.fill(text)
    await expect.poll(() => this.query().q ?? '').toBe(text.trim())
    await this.settled()
  }

  row(sessionId: string): Locator {
    return this.page.locator(`[data-testid="session-row"][data-session-id="${sessionId}"]`)
  }

  /** The ids of the rows in the DOM, top to bottom (a virtualised list renders a window). */
  async renderedIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) =>
      rows
        .map((row) => ({
          id: row.getAttribute('data-session-id') ?? '',
          index: Number(row.getAttribute('aria-rowindex')),
        }))
        .sort((a, b) => a.index - b.index)
        .map((row) => row.id),
    )
  }

  /** Expects exactly these sessions, in this order (newest first). */
  async expectRows(sessionIds: string[]): Promise<void> {
    await this.settled()
    await expect.poll(() => this.renderedIds()).toEqual(sessionIds)
  }

  view(name: string): Locator {
    return this.savedViews.getByTestId('saved-view').filter({ hasText: name })
  }

  async saveView(name: string): Promise<void> {
    await this.saveViewButton.click()
    await expect(this.saveDialog).toBeVisible()
    await this.saveDialog.getByTestId('save-view-name').fill(name)
    await this.saveDialog.getByTestId('save-view-submit').click()
  }
}
