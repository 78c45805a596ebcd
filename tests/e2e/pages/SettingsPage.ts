import { expect, type Locator, type Page } from '@playwright/test'

export type SettingsTab = 'providers' | 'webhooks' | 'review'

/** The admin's settings (/settings): providers, webhooks, review & sessions, as tabs. */
export class SettingsPage {
  readonly heading: Locator
  readonly newWebhookDialog: Locator
  readonly webhookConfirm: Locator

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Settings' })
    this.newWebhookDialog = page.getByTestId('webhook-new-dialog')
    this.webhookConfirm = page.getByTestId('webhook-confirm')
  }

  async goto(tab?: SettingsTab): Promise<void> {
    await this.page.goto(tab && tab !== 'providers' ? `/settings?tab=${tab}` : '/settings')
    await expect(this.heading).toBeVisible()
  }

  tab(tab: SettingsTab): Locator {
    return this.page.getByTestId(`settings-tab-${tab}`)
  }

  panel(tab: SettingsTab): Locator {
    return this.page.getByTestId(`settings-panel-${tab}`)
  }

  /** One provider's card (identomat, iab, trustmatic). */
  provider(name: string): Locator {
    return this.page.getByTestId(`provider-${name}`)
  }

  credential(provider: string, name: string): Locator {
    return this.page.getByTestId(`provider-${provider}-credential-${name}`)
  }

  webhookRow(url: string): Locator {
    return this.page
      .getByTestId('webhook-row')
      .filter({ has: this.page.getByTestId('webhook-url-text').getByText(url, { exact: true }) })
  }

  /** Fills and submits the new-webhook form (the dialog stays open: secret or errors). */
  async createWebhook(url: string, events?: string[]): Promise<void> {
    await this.page.getByTestId('webhook-new').click()
    await expect(this.newWebhookDialog).toBeVisible()
    await this.newWebhookDialog.getByTestId('webhook-url').fill(url)
    if (events)
      for (const type of ['session.completed', 'session.decided'])
        await this.newWebhookDialog
          .getByTestId(`webhook-event-${type}`)
          .setChecked(events.includes(type))
    await this.newWebhookDialog.getByTestId('webhook-new-submit').click()
  }

  templateList(kind: 'approved' | 'rejected' | 'resubmission_requested'): Locator {
    return this.page.getByTestId(`reason-templates-${kind}`)
  }
}
