import { expectAccessible } from '../fixtures/a11y.ts'
import { expect, signIn, test, uid } from '../fixtures/index.ts'
import { RunnerApi } from '../fixtures/runner-api.ts'
import { STEPS, flowDocument } from '../fixtures/runner-flows.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { AuditLogPage } from '../pages/AuditLogPage.ts'

/** Today as the browser's date inputs write it (the suite runs the browser in UTC). */
function todayUtc(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)
}

test.describe('audit log', () => {
  test('filters live in the URL and entries link to their flow, session and user', async ({
    page,
    loginAs,
    api,
  }) => {
    const tag = uid()
    const flow = await api.createFlow({ name: `Audited flow ${tag}`, template: 'kyc-lite' })
    await api.publishFlow(flow.id, `Audit note ${tag}`)
    const user = await api.createUser('reviewer', `Audited ${tag}`)
    const runner = await RunnerApi.create()
    const launched = await runner.launchDocument(
      flowDocument(`Audited launch ${tag}`, [STEPS.identity]),
    )
    await runner.dispose()

    await loginAs('admin')
    const audit = new AuditLogPage(page)
    await audit.goto(`?targetType=flow&targetId=${flow.id}`)
    await expect(audit.filter('target-type')).toHaveValue('flow')
    await expect(audit.filter('target-id')).toHaveValue(flow.id)
    await expect(audit.rows).toHaveCount(2)
    await expect(audit.rows.getByTestId('audit-action')).toHaveText([
      'flow.published',
      'flow.created',
    ])

    // Narrow by action: the URL follows, the version is named, the summary is text.
    await audit.filter('action').fill('flow.published')
    await audit.apply()
    expect(audit.query()).toEqual({
      action: 'flow.published',
      targetType: 'flow',
      targetId: flow.id,
    })
    await expect(audit.rows).toHaveCount(1)
    const published = audit.rows.first()
    await expect(published.getByTestId('audit-version')).toHaveText('version 1')
    await published.getByTestId('audit-summary').locator('summary').click()
    await expect(published.getByTestId('audit-summary').locator('pre')).toContainText(
      `"note": "Audit note ${tag}"`,
    )
    await expectAccessible(page, 'the audit log')
    await saveScreenshot(page, 'audit-filtered')

    await page.reload()
    await audit.settled()
    await expect(audit.filter('action')).toHaveValue('flow.published')
    await expect(audit.rows).toHaveCount(1)
    await page.goBack()
    await audit.settled()
    await expect(audit.filter('action')).toHaveValue('')
    await expect(audit.rows).toHaveCount(2)

    await audit.rows.first().getByTestId('audit-target-link').click()
    await expect(page).toHaveURL(new RegExp(`/flows/${flow.id}$`))

    // A date range: today has the entries, tomorrow none.
    await audit.goto(`?targetId=${flow.id}&from=${todayUtc()}&to=${todayUtc()}`)
    await expect(audit.rows).toHaveCount(2)
    await audit.filter('from').fill(todayUtc(1))
    await audit.filter('to').fill(todayUtc(1))
    await audit.settled()
    await expect(page.getByTestId('audit-empty-filtered')).toBeVisible()
    expect(audit.query()).toMatchObject({ from: todayUtc(1), to: todayUtc(1) })
    await saveScreenshot(page, 'audit-empty')
    await page.getByTestId('audit-empty-clear').click()
    await audit.settled()
    expect(audit.query()).toEqual({})

    await audit.goto(`?targetType=session&targetId=${launched.sessionId}`)
    await expect(audit.rows.first().getByTestId('audit-action')).toHaveText('session.launched')
    await expect(audit.rows.first().getByTestId('audit-target-link')).toHaveAttribute(
      'href',
      `/sessions/${launched.sessionId}`,
    )

    await audit.goto(`?targetType=user&targetId=${user.id}`)
    const created = audit.rows.first()
    await expect(created.getByTestId('audit-action')).toHaveText('user.created')
    await expect(created.getByTestId('audit-target-link')).toHaveText(`User ${user.email}`)
    await created.getByTestId('audit-target-link').click()
    await expect(page).toHaveURL(/\/users$/)
  })

  test('an admin’s own actions are found by actor, newest first, a page at a time', async ({
    page,
    api,
  }) => {
    // An admin of this test's own, who makes 51 API keys: with the sign-in, 52 entries.
    const admin = await api.createUser('admin', `Busy admin ${uid()}`)
    await signIn(page, admin)
    const me = await (await page.request.get('/api/auth/me')).json()
    const headers = { 'X-CSRF-Token': me.data.csrfToken as string }
    for (let i = 0; i < 51; i += 17)
      await Promise.all(
        Array.from({ length: Math.min(17, 51 - i) }, (_, j) =>
          page.request
            .post('/api/api-keys', { data: { name: `Bulk key ${i + j}` }, headers })
            .then((response) => expect(response.status()).toBe(201)),
        ),
      )

    const audit = new AuditLogPage(page)
    await audit.goto()
    await audit.filter('actor').fill(admin.email)
    await audit.filter('actor').press('Enter')
    await audit.settled()
    expect(audit.query()).toEqual({ actor: admin.email })
    await expect(audit.rows).toHaveCount(50)
    await expect(audit.rows.first().getByTestId('audit-action')).toHaveText('api_key.created')
    await expect(audit.rows.first().getByTestId('audit-actor')).toContainText(admin.email)
    await expect(audit.rows.first().getByTestId('audit-target-text')).toContainText('API key')
    await page.getByTestId('audit-load-more').click()
    await expect(audit.rows).toHaveCount(52)
    await expect(audit.rows.last().getByTestId('audit-action')).toHaveText('auth.login')
    await expect(page.getByTestId('audit-load-more')).toHaveCount(0)
    await saveScreenshot(page, 'audit-log')
  })
})
