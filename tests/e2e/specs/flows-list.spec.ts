import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { FlowsListPage } from '../pages/FlowsListPage.ts'

test.describe('flows list', () => {
  test('search narrows the list, lives in the URL and survives a reload', async ({
    page,
    loginAs,
    api,
  }) => {
    const tag = uid()
    await api.createFlow({ name: `Alpha onboarding ${tag}`, template: 'kyc-lite' })
    await api.createFlow({ name: `Beta payouts ${tag}` })
    await api.createFlow({ name: `Alpha refresh ${tag}`, template: 'video-kyc' })
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()

    await flows.searchFor(tag)
    await expect(flows.rows).toHaveCount(3)
    await flows.searchFor(`alpha onboarding ${tag}`)
    await expect(flows.rows).toHaveCount(1)
    await expect(flows.row(`Alpha onboarding ${tag}`)).toContainText('2 steps')

    await page.reload()
    await expect(flows.search).toHaveValue(`alpha onboarding ${tag}`)
    await expect(flows.rows).toHaveCount(1)

    await flows.searchFor(`no such flow ${tag}`)
    await expect(page.getByTestId('flows-empty-search')).toBeVisible()
    await saveScreenshot(page, 'flows-empty-search')
    await page.getByTestId('flows-clear-search').click()
    await expect(flows.search).toHaveValue('')
    await flows.settled()
    await expect(flows.rows.first()).toBeVisible()
  })

  test('duplicate adds "(copy)" at the top with a toast that opens it', async ({
    page,
    loginAs,
    api,
  }) => {
    const name = `Duplicate me ${uid()}`
    await api.createFlow({ name, template: 'proof-of-address' })
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.searchFor(name)
    await flows.duplicate(name)
    await expect(flows.row(`${name} (copy)`)).toBeVisible()
    await expect(flows.row(`${name} (copy)`)).toContainText('2 steps')
    await expect(page.getByTestId('toast-success')).toContainText(`Duplicated as “${name} (copy)”`)
    await page.getByTestId('toast-action').click()
    await expect(page).toHaveURL(/\/flows\/[0-9a-f-]{36}$/)
  })

  test('archive asks first, hides the flow, and restore brings it back', async ({
    page,
    loginAs,
    api,
  }) => {
    const name = `Archive me ${uid()}`
    await api.createFlow({ name })
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto()
    await flows.searchFor(name)

    await flows.row(name).getByTestId('flow-archive').click()
    await expect(flows.confirm).toBeVisible()
    await expect(flows.confirm).toContainText(`Archive “${name}”?`)
    await expect(flows.confirm.getByTestId('flow-confirm-cancel')).toBeFocused()
    await expectAccessible(page, 'the archive confirmation')
    await saveScreenshot(page, 'flows-archive-confirm', { fullPage: false })
    await flows.confirm.getByTestId('flow-confirm-cancel').click()
    await expect(flows.row(name)).toBeVisible()

    await flows.archive(name)
    await expect(flows.row(name)).toHaveCount(0)
    await expect(page.getByTestId('toast-success')).toContainText(`Archived “${name}”`)

    await flows.showArchived('archived')
    await expect(flows.row(name)).toContainText('Archived')
    await saveScreenshot(page, 'flows-archived')
    await flows.unarchive(name)
    await expect(flows.row(name)).toHaveCount(0)

    await flows.showArchived('active')
    await expect(flows.row(name)).toBeVisible()
    expect((await api.listFlows({ q: name }))[0]?.archived).toBe(false)
  })

  test('"Load more" fetches the next page until there is none', async ({ page, loginAs, api }) => {
    const tag = `Paged ${uid()}`
    for (let n = 1; n <= 27; n++) await api.createFlow({ name: `${tag} #${n}` })
    await loginAs('reviewer')
    const flows = new FlowsListPage(page)
    await flows.goto(`?q=${encodeURIComponent(tag)}`)
    await expect(flows.rows).toHaveCount(25)
    await expect(flows.rows.first()).toContainText(`${tag} #27`)
    await flows.loadMore.click()
    await expect(flows.rows).toHaveCount(27)
    await expect(flows.loadMore).toHaveCount(0)
    await expect(flows.rows.last()).toContainText(`${tag} #1`)
  })

  test('the list at desktop width (screenshot, accessibility)', async ({ page, loginAs, api }) => {
    const tag = uid()
    const published = await api.createFlow({ name: `KYC Lite ${tag}`, template: 'kyc-lite' })
    await api.publishFlow(published.id)
    await api.createFlow({ name: `Video KYC ${tag}`, template: 'video-kyc' })
    const archived = await api.createFlow({
      name: `Old seller flow ${tag}`,
      template: 'marketplace-seller',
    })
    await api.archiveFlow(archived.id)
    await loginAs('designer')
    const flows = new FlowsListPage(page)
    await flows.goto(`?q=${tag}&archived=all`)
    await expect(flows.rows).toHaveCount(3)
    await expect(flows.row(`KYC Lite ${tag}`)).toContainText('Published v1')
    await expectAccessible(page, 'the flows list')
    await saveScreenshot(page, 'flows-list')
  })

  test('loading and failure are shown, never a blank page, and "Try again" recovers', async ({
    page,
    loginAs,
  }) => {
    await loginAs('designer')
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/flows?*', async (route) => {
      await held
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ code: 'UNAVAILABLE', message: 'database unavailable' }],
        }),
      })
    })
    await page.goto('/flows')
    await expect(page.getByTestId('flows-loading')).toBeVisible()
    await saveScreenshot(page, 'flows-loading')
    release()
    const error = page.getByTestId('flows-error')
    await expect(error).toContainText('The flows could not be loaded')
    await expect(error).toContainText('Something went wrong on the server')
    await saveScreenshot(page, 'flows-error')
    await page.unroute('**/api/flows?*')
    await page.getByTestId('flows-error-retry').click()
    await expect(page.getByTestId('flows-error')).toHaveCount(0)
    await new FlowsListPage(page).settled()
  })
})
