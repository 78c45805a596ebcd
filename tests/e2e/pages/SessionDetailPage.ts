import { expect, type Locator, type Page } from '@playwright/test'

/** One session under review (/sessions/:id): answers, captures, operator checks, decision. */
export class SessionDetailPage {
  readonly title: Locator
  readonly status: Locator
  readonly decisionBadge: Locator
  readonly answers: Locator
  readonly thumbs: Locator
  readonly viewer: Locator
  readonly operator: Locator
  readonly panel: Locator
  readonly reason: Locator
  readonly submit: Locator
  readonly confirm: Locator
  readonly announcer: Locator

  constructor(readonly page: Page) {
    this.title = page.getByTestId('session-title')
    this.status = page.getByTestId('session-status')
    this.decisionBadge = page.getByTestId('session-decision')
    this.answers = page.getByTestId('answer')
    this.thumbs = page.getByTestId('media-thumb')
    this.viewer = page.getByTestId('media-viewer')
    this.operator = page.getByTestId('operator-questionnaire')
    this.panel = page.getByTestId('decision-panel')
    this.reason = page.getByTestId('decision-reason')
    this.submit = page.getByTestId('decision-submit')
    this.confirm = page.getByTestId('decision-confirm')
    this.announcer = page.getByTestId('review-announcer')
  }

  /**
   * Opens the session, with the list's filter as the query (`flowId=…&decision=none`); on the
   * run's API, or on another one at `origin`.
   */
  async goto(sessionId: string, query = '', origin = ''): Promise<void> {
    await this.page.goto(`${origin}/sessions/${sessionId}${query ? `?${query}` : ''}`)
    await this.expectLoaded()
  }

  /** Waits until the session is on screen (a cold start of the console takes a while). */
  async expectLoaded(externalId?: string): Promise<void> {
    await expect(this.title).toBeVisible({ timeout: 20_000 })
    if (externalId) await expect(this.title).toContainText(externalId)
  }

  /** The answer row of the question with this title. */
  answer(title: string): Locator {
    return this.answers.filter({ has: this.page.locator('.q-title', { hasText: title }) })
  }

  /** Waits until previous/next are known (the buttons enable when a neighbour exists). */
  async queueSettled(): Promise<void> {
    await expect(this.page.getByTestId('queue-next')).not.toHaveAttribute('aria-busy', 'true')
  }

  async decide(
    decision: 'approved' | 'rejected' | 'resubmission_requested',
    reason?: string,
  ): Promise<void> {
    await this.page.getByTestId(`decision-choose-${decision}`).click()
    if (reason !== undefined) await this.reason.fill(reason)
    await this.submit.click()
  }
}
