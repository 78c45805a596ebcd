import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, test, uid, type Credentials } from '../fixtures/index.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { SessionsSeed, seedQueue, twoStepFlow, type Queue } from '../fixtures/sessions-seed.ts'
import { SessionsPage } from '../pages/SessionsPage.ts'

let seed: SessionsSeed

test.beforeAll(async () => {
  seed = await SessionsSeed.create()
})

test.afterAll(async () => {
  await seed.dispose()
})

/** Two reviewers of this test (a second one confirms should four-eyes be on) and a queue. */
async function queue(
  createUser: (name: string) => Promise<Credentials>,
): Promise<{ queue: Queue; reviewers: Credentials[] }> {
  const tag = uid()
  const reviewers = [await createUser(`Rita ${tag}`), await createUser(`Ravi ${tag}`)]
  return { queue: await seedQueue(seed, reviewers, tag), reviewers }
}

test.describe('sessions list', () => {
  test('filters live in the URL: reload keeps them, Back undoes them one by one', async ({
    page,
    api,
    loginAs,
  }) => {
    const { queue: q } = await queue((name) => api.createUser('reviewer', name))
    const { a, b, c, d } = q.sessions
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto()

    await sessions.chooseFlow(q.flowId)
    await sessions.expectRows(q.order)
    await expect(sessions.count).toHaveText('6 sessions')
    await expect(sessions.row(a.sessionId)).toContainText(`sl-${q.tag}-a`)
    await expect(sessions.row(a.sessionId)).toContainText(q.flowName)
    await expect(sessions.row(a.sessionId).getByTestId('session-version')).toHaveText('v1')
    await expect(sessions.row(d.sessionId).getByTestId('session-decision')).toHaveText('Rejected')

    await sessions.choose('status', 'completed', 'status')
    await sessions.expectRows([a, b, c, d].map((s) => s.sessionId))
    await sessions.choose('decision', 'rejected', 'decision')
    await sessions.expectRows([d.sessionId])
    expect(sessions.query()).toEqual({
      flowId: q.flowId,
      status: 'completed',
      decision: 'rejected',
    })

    await page.reload()
    await sessions.settled()
    await expect(sessions.filter('status')).toHaveValue('completed')
    await expect(sessions.filter('decision')).toHaveValue('rejected')
    await expect(sessions.filter('flow')).toHaveValue(q.flowId)
    await sessions.expectRows([d.sessionId])

    await page.goBack()
    await expect(sessions.filter('decision')).toHaveValue('')
    await sessions.expectRows([a, b, c, d].map((s) => s.sessionId))
    await page.goBack()
    await expect(sessions.filter('status')).toHaveValue('')
    await sessions.expectRows(q.order)
    await page.goForward()
    await sessions.expectRows([a, b, c, d].map((s) => s.sessionId))
  })

  test('search and date range: typing replaces the URL, presets and custom days push it', async ({
    page,
    api,
    loginAs,
  }) => {
    const { queue: q } = await queue((name) => api.createUser('reviewer', name))
    const { a, b, c, d } = q.sessions
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto(`?flowId=${q.flowId}&status=completed`)
    await sessions.expectRows([a, b, c, d].map((s) => s.sessionId))

    // Search: an exact external user id, or a session id.
    await sessions.searchFor(`sl-${q.tag}-c`)
    await sessions.expectRows([c.sessionId])
    await sessions.search.fill(c.sessionId)
    await expect.poll(() => sessions.query().q).toBe(c.sessionId)
    await sessions.expectRows([c.sessionId])
    // Starting a search pushed one entry, refining it replaced that entry: Back leaves it.
    await page.goBack()
    await expect.poll(() => sessions.query()).toEqual({ flowId: q.flowId, status: 'completed' })
    await expect(sessions.search).toHaveValue('')
    await page.goForward()
    await expect.poll(() => sessions.query().q).toBe(c.sessionId)
    await expect(sessions.search).toHaveValue(c.sessionId)
    await sessions.page.getByTestId('sessions-search-clear').click()
    await expect.poll(() => sessions.query().q).toBeUndefined()
    await sessions.expectRows([a, b, c, d].map((s) => s.sessionId))

    // A preset date range, then a custom one from today, then an impossible one.
    await sessions.page.getByTestId('filter-range-period').selectOption('today')
    await expect.poll(() => sessions.query().period).toBe('today')
    await sessions.expectRows([a, b, c, d].map((s) => s.sessionId))
    await sessions.page.getByTestId('filter-range-period').selectOption('custom')
    await expect.poll(() => sessions.query().period).toBeUndefined()
    const today = await page.evaluate(() => {
      const now = new Date()
      const pad = (n: number) => String(n).padStart(2, '0')
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
    })
    await sessions.page.getByTestId('filter-range-from').fill(today)
    await expect.poll(() => sessions.query().from).toBe(today)
    await sessions.expectRows([a, b, c, d].map((s) => s.sessionId))
    await sessions.page.getByTestId('filter-range-to').fill('2001-01-01')
    await expect.poll(() => sessions.query().to).toBe('2001-01-01')
    await expect(page.getByTestId('sessions-empty-filtered')).toBeVisible()
    await page.reload()
    await expect(sessions.page.getByTestId('filter-range-from')).toHaveValue(today)
    await expect(sessions.page.getByTestId('filter-range-to')).toHaveValue('2001-01-01')
  })

  test('a row opens the session with the list’s query; keyboard works too', async ({
    page,
    api,
    loginAs,
  }) => {
    const { queue: q } = await queue((name) => api.createUser('reviewer', name))
    const { a, b } = q.sessions
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto(`?status=completed&decision=none&flowId=${q.flowId}`)
    await sessions.expectRows([a.sessionId, b.sessionId])
    const search = new URL(page.url()).search

    await expect(sessions.row(a.sessionId).getByTestId('session-link')).toHaveAttribute(
      'href',
      `/sessions/${a.sessionId}${search}`,
    )
    await expect(sessions.table).toHaveAttribute('aria-rowcount', '3')
    await expect(sessions.row(b.sessionId)).toHaveAttribute('aria-rowindex', '3')

    // Tab reaches the first row; ↓ moves to the next; Enter opens it.
    await sessions.row(a.sessionId).focus()
    await page.keyboard.press('ArrowDown')
    await expect(sessions.row(b.sessionId)).toBeFocused()
    await expect(sessions.row(b.sessionId)).toHaveAttribute('tabindex', '0')
    await expect(sessions.row(a.sessionId)).toHaveAttribute('tabindex', '-1')
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(`/sessions/${b.sessionId}${search}`)

    await page.goBack()
    await sessions.expectRows([a.sessionId, b.sessionId])
    await sessions.row(a.sessionId).getByRole('cell').first().click()
    await expect(page).toHaveURL(`/sessions/${a.sessionId}${search}`)
  })

  test('scrolling loads the next page until the end, keeping few rows in the DOM', async ({
    page,
    loginAs,
  }) => {
    const tag = uid()
    const flowId = await seed.publishedFlow(twoStepFlow(`Long list ${tag}`))
    await seed.launchMany(flowId, `ll-${tag}`, 120)
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto(`?flowId=${flowId}`)
    await expect(sessions.count).toHaveText('50 sessions loaded, more below')
    await expect(sessions.table).toHaveAttribute('aria-rowcount', '-1')
    const rendered = await sessions.rows.count()
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(50)

    await sessions.scroller.hover()
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, 800)
      if ((await sessions.count.textContent())?.trim() === '120 sessions') break
    }
    await expect(sessions.count).toHaveText('120 sessions')
    await expect(sessions.table).toHaveAttribute('aria-rowcount', '121')
    await sessions.scroller.evaluate((el) => (el.scrollTop = el.scrollHeight))
    await expect(sessions.rows.last()).toHaveAttribute('aria-rowindex', '121')
    await expect(sessions.rows.last()).toContainText(new RegExp(`ll-${tag}-00\\d`))
    expect(await sessions.rows.count()).toBeLessThan(50)
  })

  test('saved views: save the filter, apply it, see it highlighted, delete it', async ({
    page,
    api,
    loginAs,
  }) => {
    const { queue: q } = await queue((name) => api.createUser('reviewer', name))
    const { a, b, c, d } = q.sessions
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto(`?flowId=${q.flowId}`)
    await sessions.choose('status', 'completed', 'status')
    await expect(sessions.saveViewButton).toBeEnabled()

    const name = `Completed ${q.tag}`
    await sessions.saveView(name)
    await expect(sessions.saveDialog).toBeHidden()
    await expect(sessions.view(name)).toHaveAttribute('aria-current', 'true')
    await expect(sessions.saveViewButton).toBeDisabled()

    // The same name again (another filter): the field says so, nothing is added.
    await sessions.choose('decision', 'none', 'decision')
    await sessions.saveView(name.toUpperCase())
    await expect(sessions.saveDialog.getByTestId('save-view-name-error')).toHaveText(
      'You already have a view with this name. Choose another.',
    )
    await expectAccessible(page, 'the save view dialog')
    await saveScreenshot(page, 'sessions-save-view-taken', { fullPage: false })
    await sessions.saveDialog.getByTestId('save-view-cancel').click()
    await expect(sessions.view(name)).toHaveCount(1)
    await expect(sessions.view(name)).not.toHaveAttribute('aria-current', 'true')

    await page.getByTestId('saved-view-all').click()
    await expect.poll(() => sessions.query()).toEqual({})
    await sessions.view(name).click()
    await expect.poll(() => sessions.query()).toEqual({ status: 'completed', flowId: q.flowId })
    await sessions.expectRows([a, b, c, d].map((s) => s.sessionId))
    await expect(sessions.view(name)).toHaveAttribute('aria-current', 'true')

    await sessions.view(name).locator('..').getByTestId('saved-view-delete').click()
    await expect(sessions.deleteConfirm).toContainText(`Delete the view “${name}”?`)
    await sessions.deleteConfirm.getByTestId('delete-view-confirm-accept').click()
    await expect(sessions.deleteConfirm).toBeHidden()
    await expect(sessions.view(name)).toHaveCount(0)
    await page.reload()
    await expect(sessions.savedViews.getByTestId('saved-view').first()).toBeVisible()
    await expect(sessions.view(name)).toHaveCount(0)
  })

  test('“Needs review” shows only completed sessions nobody has decided', async ({
    page,
    api,
    loginAs,
  }) => {
    const { queue: q } = await queue((name) => api.createUser('reviewer', name))
    const { a, b } = q.sessions
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto()
    await expect(sessions.savedViews.getByTestId('saved-view')).toHaveText([
      'Needs review',
      'Awaiting confirmation',
      'Rejected this week',
    ])

    await sessions.view('Needs review').click()
    await expect.poll(() => sessions.query()).toEqual({ status: 'completed', decision: 'none' })
    await sessions.settled()
    await expect(sessions.view('Needs review')).toHaveAttribute('aria-current', 'true')
    await expect(sessions.rows.first()).toBeVisible()
    for (const status of await sessions.rows.getByTestId('session-status').allTextContents())
      expect(status).toBe('Completed')
    for (const decision of await sessions.rows.getByTestId('session-decision').allTextContents())
      expect(decision).toBe('—none')

    await sessions.chooseFlow(q.flowId)
    await sessions.expectRows([a.sessionId, b.sessionId])
  })

  test('the reviewer filter lists who decided and narrows to their sessions', async ({
    page,
    api,
    loginAs,
  }) => {
    const { queue: q, reviewers } = await queue((name) => api.createUser('reviewer', name))
    const { c, d } = q.sessions
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto(`?flowId=${q.flowId}`)
    await expect(sessions.row(c.sessionId).getByTestId('session-reviewer')).toHaveText(
      reviewers[0]!.email,
    )
    await sessions.choose('reviewer', reviewers[0]!.id, 'decidedBy')
    await sessions.expectRows([c.sessionId, d.sessionId])
    await page.reload()
    await expect(sessions.filter('reviewer')).toHaveValue(reviewers[0]!.id)
    await sessions.expectRows([c.sessionId, d.sessionId])
  })

  test('designed states: nothing matches, no sessions at all, loading, failure and retry', async ({
    page,
    loginAs,
  }) => {
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto(`?q=nobody-${uid()}`)
    await expect(page.getByTestId('sessions-empty-filtered')).toBeVisible()
    await expect(page.getByTestId('sessions-empty-filtered')).toContainText('Search: nobody-')
    await saveScreenshot(page, 'sessions-empty-filtered')
    await page.getByTestId('sessions-clear-filters').click()
    await expect.poll(() => sessions.query()).toEqual({})
    await expect(sessions.search).toHaveValue('')

    // A fresh installation (the shared database is not empty: the answer is stubbed).
    const list = (url: URL) => url.pathname === '/api/sessions'
    await page.route(list, (route) => route.fulfill({ json: { data: [] } }))
    await sessions.goto()
    await expect(page.getByTestId('sessions-empty')).toContainText('No sessions yet')
    await saveScreenshot(page, 'sessions-empty')

    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.unroute(list)
    await page.route(list, async (route) => {
      await held
      await route.fulfill({
        status: 500,
        json: { errors: [{ code: 'INTERNAL', message: 'internal error' }] },
      })
    })
    await page.goto('/sessions?status=completed')
    await expect(page.getByTestId('sessions-loading')).toBeVisible()
    await saveScreenshot(page, 'sessions-loading')
    release()
    await expect(page.getByTestId('sessions-error')).toContainText(
      'The sessions could not be loaded',
    )
    await saveScreenshot(page, 'sessions-error')
    await page.unroute(list)
    await page.getByTestId('sessions-error-retry').click()
    await expect(sessions.rows.first()).toBeVisible()
  })

  test('a designer cannot open the sessions list', async ({ page, loginAs }) => {
    await loginAs('designer')
    await page.goto('/sessions?status=completed')
    await expect(page).toHaveURL(/\/flows$/)
    await expect(page.getByTestId('nav-sessions')).toHaveCount(0)
    await page.goto('/funnel')
    await expect(page).toHaveURL(/\/flows$/)
  })

  test('the list at desktop width: accessible, and a screenshot to look at', async ({
    page,
    api,
    loginAs,
  }) => {
    await queue((name) => api.createUser('reviewer', name))
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto()
    await expect(sessions.rows.first()).toBeVisible()
    await expectAccessible(page, 'the sessions list')
    await saveScreenshot(page, 'sessions-list')
    await sessions.view('Needs review').click()
    await sessions.settled()
    await page.getByTestId('filter-range-period').selectOption('custom')
    await expectAccessible(page, 'the sessions list with a custom range')
    await saveScreenshot(page, 'sessions-list-needs-review')
  })
})
