import { expect, type Locator, type Page } from '@playwright/test'

export type DesignerTab = 'design' | 'settings' | 'targets' | 'versions' | 'export'
export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'failed' | 'conflict'

/** The flow designer (/flows/:id): palette, canvas, inspector, questionnaire editor, panels. */
export class DesignerPage {
  readonly root: Locator
  readonly palette: Locator
  readonly canvas: Locator
  readonly cards: Locator
  readonly inspector: Locator
  readonly questions: Locator
  readonly saveIndicator: Locator
  readonly issuesPanel: Locator
  readonly issueItems: Locator
  readonly announcer: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('designer')
    this.palette = page.getByTestId('palette')
    this.canvas = page.getByTestId('canvas')
    this.cards = page.getByTestId('step-card')
    this.inspector = page.getByTestId('inspector')
    this.questions = page.getByTestId('question-row')
    this.saveIndicator = page.getByTestId('save-indicator')
    this.issuesPanel = page.getByTestId('issues-panel')
    this.issueItems = page.getByTestId('issue-item')
    this.announcer = page.getByTestId('designer-announcer')
  }

  async goto(flowId: string): Promise<void> {
    await this.page.goto(`/flows/${flowId}`)
    await expect(this.page.getByTestId('designer-flow-name')).toBeVisible()
  }

  /** The step keys in canvas order. */
  async keys(): Promise<string[]> {
    return this.cards.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-key') ?? ''))
  }

  card(key: string): Locator {
    return this.page.locator(`[data-testid="step-card"][data-key="${key}"]`)
  }

  paletteItem(type: string): Locator {
    return this.page.getByTestId(`palette-item-${type}`)
  }

  async tab(name: DesignerTab): Promise<void> {
    await this.page.getByTestId(`tab-${name}`).click()
  }

  /**
   * Drags with real mouse moves (SortableJS runs in fallback mode, driven by pointer events):
   * from the centre of `source` towards `target` until the drop placeholder sits right before
   * (or after) it, then drops.
   */
  async drag(
    source: Locator,
    target: Locator,
    where: 'before' | 'after' = 'before',
  ): Promise<void> {
    const from = await source.boundingBox()
    if (!from) throw new Error('drag: the source is not visible')
    const mouse = this.page.mouse
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await mouse.down()
    await mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 })
    const placed = () =>
      target.evaluate((el, side) => {
        const sibling = side === 'before' ? el.previousElementSibling : el.nextElementSibling
        return !!sibling && /drop-ghost|palette-ghost|sortable-chosen/.test(sibling.className)
      }, where)
    for (let attempt = 0; attempt < 6 && !(await placed().catch(() => false)); attempt++) {
      const to = await target.boundingBox()
      if (!to) break
      const y = where === 'before' ? to.y + to.height * 0.3 : to.y + to.height * 0.7
      await mouse.move(to.x + to.width / 2, y + (attempt % 2 ? 3 : -3), { steps: 12 })
    }
    await mouse.up()
  }

  async selectStep(key: string): Promise<void> {
    await this.card(key).click()
    await expect(this.inspector.getByTestId('step-key-input')).toHaveValue(key)
  }

  flag(name: string): Locator {
    return this.inspector.getByTestId(`flag-${name}`)
  }

  question(key: string): Locator {
    return this.page.locator(`[data-testid="question-row"][data-key="${key}"]`)
  }

  /**
   * Expands a question's editor (a second click would collapse it). Only one question is open
   * at a time, so the returned editor stays valid when its key is renamed.
   */
  async openQuestion(key: string): Promise<Locator> {
    const row = this.question(key)
    if (!(await row.getByTestId('question-editor').isVisible()))
      await row.getByTestId('question-toggle').click()
    await expect(row.getByTestId('question-editor')).toBeVisible()
    return this.page.getByTestId('question-editor')
  }

  async expectSaveStatus(status: SaveStatus, timeout = 10_000): Promise<void> {
    await expect(this.saveIndicator).toHaveAttribute('data-status', status, { timeout })
  }

  issue(code: string): Locator {
    return this.page.locator(`[data-testid="issue-item"][data-code="${code}"]`)
  }

  async undo(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+z')
  }

  async redo(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+Shift+z')
  }

  async publish(note: string): Promise<void> {
    await this.page.getByTestId('publish-open').click()
    const dialog = this.page.getByTestId('publish-dialog')
    await dialog.getByTestId('publish-note').fill(note)
    await dialog.getByTestId('publish-submit').click()
    await expect(dialog).toBeHidden()
  }
}
