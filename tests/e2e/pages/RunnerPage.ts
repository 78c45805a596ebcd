import { expect, type Locator, type Page } from '@playwright/test'
import { expectAccessible } from '../fixtures/a11y.ts'
import { photoFile } from '../fixtures/images.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'

export type StepType =
  | 'identity-document'
  | 'liveness'
  | 'face-document'
  | 'general-document'
  | 'phone-number'
  | 'email'
  | 'user-questionnaire'

/** The end-user runner (/r/<token>, /r/continue/<token>): one step at a time. */
export class RunnerPage {
  readonly root: Locator
  readonly step: Locator
  readonly title: Locator
  readonly progress: Locator
  readonly announcer: Locator
  readonly handoff: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('runner')
    this.step = page.getByTestId('runner-step')
    this.title = page.getByTestId('step-title')
    this.progress = page.getByTestId('runner-progress')
    this.announcer = page.getByTestId('runner-announcer')
    this.handoff = page.getByTestId('handoff')
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path)
    await expect(this.page.getByTestId('runner-loading')).toHaveCount(0, { timeout: 15_000 })
  }

  async expectStep(type: StepType, title?: string | RegExp): Promise<void> {
    await expect(this.step).toHaveAttribute('data-step-type', type, { timeout: 15_000 })
    if (title !== undefined) await expect(this.title).toHaveText(title)
  }

  end(page: string): Locator {
    return this.page.getByTestId(`end-${page}`)
  }

  /** Saves a screenshot to tests/e2e/artifacts and checks the page with axe. */
  async snapshot(name: string): Promise<void> {
    await saveScreenshot(this.page, name)
    await expectAccessible(this.page, name)
  }

  slot(kind: string): Locator {
    return this.page.locator(`[data-testid="capture-slot"][data-kind="${kind}"]`)
  }

  /** Takes a picture with the (fake) camera, reviews it, and uses it. */
  async capture(kind: string, name?: string): Promise<void> {
    const slot = this.slot(kind)
    await expect(slot.getByTestId('camera')).toHaveAttribute('data-state', 'live', {
      timeout: 10_000,
    })
    await slot.getByTestId('capture-take').click()
    await expect(slot.getByTestId('capture-preview')).toBeVisible()
    if (name) await this.snapshot(name)
    await slot.getByTestId('capture-use').click()
    await expect(slot.getByTestId('capture-saved')).toBeVisible({ timeout: 10_000 })
  }

  /** Uploads a generated photo into a capture slot, reviews it, and uses it. */
  async upload(kind: string): Promise<void> {
    const slot = this.slot(kind)
    const toUpload = slot.getByTestId('capture-to-upload')
    if (await toUpload.isVisible()) await toUpload.click()
    await slot.getByTestId('photo-input').setInputFiles(photoFile(`${kind}.png`))
    await expect(slot.getByTestId('capture-preview')).toBeVisible()
    await slot.getByTestId('capture-use').click()
    await expect(slot.getByTestId('capture-saved')).toBeVisible({ timeout: 10_000 })
  }

  async continue(): Promise<void> {
    await this.page.getByTestId('step-continue').click()
  }

  question(key: string): Locator {
    return this.page.locator(`[data-testid="question"][data-key="${key}"]`)
  }

  async contact(value: string): Promise<void> {
    await this.page.getByTestId('contact-value').fill(value)
  }
}
