import type { Page } from '@playwright/test'
import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { SessionsSeed, seedQueue, twoStepFlow } from '../fixtures/sessions-seed.ts'

let seed: SessionsSeed

test.beforeAll(async () => {
  seed = await SessionsSeed.create()
})

test.afterAll(async () => {
  await seed.dispose()
})

/** The table's figures per stage: [label, sessions, drop-off, drop-off rate]. */
async function tableFigures(page: Page) {
  const rows = page.getByTestId('funnel-row')
  await expect(rows.first()).toBeVisible()
  return rows.evaluateAll((trs) =>
    trs.map((tr) => [
      tr.querySelector('th .stage-label')?.textContent?.trim() ?? '',
      tr.querySelector('[data-testid="funnel-count"]')?.textContent?.trim() ?? '',
      tr.querySelector('[data-testid="funnel-drop-off"]')?.textContent?.trim() ?? '',
      tr.querySelector('[data-testid="funnel-drop-off-rate"]')?.textContent?.trim() ?? '',
    ]),
  )
}

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams)
}

test.describe('funnel', () => {
  test('the numbers are the seeded sessions’, stage by stage, in the table and the chart', async ({
    page,
    api,
    loginAs,
  }) => {
    const tag = uid()
    const reviewers = [
      await api.createUser('reviewer', `Rita ${tag}`),
      await api.createUser('reviewer', `Ravi ${tag}`),
    ]
    const q = await seedQueue(seed, reviewers, tag)
    // A newer version without sessions: it is the default (the latest), and empty.
    await seed.publishNextVersion(q.flowId, twoStepFlow(q.flowName))
    await loginAs('reviewer')

    await page.goto(`/funnel?flowId=${q.flowId}`)
    await expect.poll(() => query(page.url())).toEqual({ flowId: q.flowId, version: '2' })
    await expect(page.getByTestId('funnel-empty')).toContainText(`No sessions of ${q.flowName} v2`)
    await saveScreenshot(page, 'funnel-empty')

    await page.getByTestId('funnel-version').selectOption('1')
    await expect.poll(() => query(page.url()).version).toBe('1')
    expect(await tableFigures(page)).toEqual([
      ['Launched', '6', '1', '16.7%'],
      ['Started', '5', '—', '—'],
      ['About you', '5', '1', '20%'],
      ['Source of funds', '4', '0', '0%'],
      ['Completed', '4', '2', '50%'],
      ['Decided', '2', '—', '—'],
    ])
    await expect(page.getByTestId('funnel-total-completed')).toContainText('4')
    await expect(page.getByTestId('funnel-total-completed')).toContainText('80% of started')
    const medians = await page.getByTestId('funnel-median').allTextContents()
    // Both steps were finished by four sessions: each has a median time (a human duration).
    expect(medians[2]).toMatch(/^(under 1 s|\d+ s|\d+ min( \d+ s)?)$/)
    expect(medians[3]).toMatch(/^(under 1 s|\d+ s|\d+ min( \d+ s)?)$/)
    await expect(page.getByTestId('funnel-canvas')).toHaveAttribute(
      'aria-label',
      /Launched: 6; Started: 5; About you: 5; Source of funds: 4; Completed: 4; Decided: 2/,
    )
    await expect(page.getByTestId('funnel-table').locator('caption')).toContainText(
      `${q.flowName} v1`,
    )
    await expectAccessible(page, 'the funnel')
    await saveScreenshot(page, 'funnel')

    // The choices live in the URL: reload keeps them, Back undoes the last.
    await page.getByTestId('funnel-target').selectOption('identomat')
    await expect.poll(() => query(page.url()).target).toBe('identomat')
    await expect(page.getByTestId('funnel-empty')).toBeVisible()
    await page.goBack()
    await expect.poll(() => query(page.url()).target).toBeUndefined()
    await expect(page.getByTestId('funnel-target')).toHaveValue('')
    await page.getByTestId('funnel-range-period').selectOption('today')
    await expect.poll(() => query(page.url()).period).toBe('today')
    await page.reload()
    await expect(page.getByTestId('funnel-range-period')).toHaveValue('today')
    await expect(page.getByTestId('funnel-version')).toHaveValue('1')
    expect((await tableFigures(page)).map((row) => row[1])).toEqual(['6', '5', '5', '4', '4', '2'])
  })

  test('without a choice it opens the first published flow at its latest version', async ({
    page,
    loginAs,
  }) => {
    await seed.publishedFlow(twoStepFlow(`Funnel default ${uid()}`))
    await loginAs('admin')
    await page.goto('/funnel')
    await expect.poll(() => Object.keys(query(page.url())).sort()).toEqual(['flowId', 'version'])
    const { flowId, version } = query(page.url())
    await expect(page.getByTestId('funnel-flow')).toHaveValue(flowId!)
    await expect(page.getByTestId('funnel-version')).toHaveValue(version!)
    await expect(page.getByTestId('funnel-version').locator('option:checked')).toContainText(
      '(latest)',
    )
  })

  test('a failure says so and can be retried', async ({ page, loginAs }) => {
    const flowId = await seed.publishedFlow(twoStepFlow(`Funnel failure ${uid()}`))
    await loginAs('reviewer')
    const funnel = (url: URL) => /^\/api\/flows\/.+\/funnel$/.test(url.pathname)
    await page.route(funnel, (route) =>
      route.fulfill({ status: 503, json: { errors: [{ code: 'UNAVAILABLE', message: 'down' }] } }),
    )
    await page.goto(`/funnel?flowId=${flowId}&version=1`)
    await expect(page.getByTestId('funnel-error')).toContainText('The funnel could not be loaded')
    await page.unroute(funnel)
    await page.getByTestId('funnel-error-retry').click()
    await expect(page.getByTestId('funnel-empty')).toBeVisible()
  })
})
