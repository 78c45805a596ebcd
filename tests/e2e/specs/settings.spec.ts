import type { Response } from '@playwright/test'
import { expectAccessible } from '../fixtures/a11y.ts'
import { freePort } from '../fixtures/api-server.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { adminContext, signInAsFirstAdmin, startPrivateApi } from '../fixtures/private-api.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { hasValidSignature, startWebhookReceiver } from '../fixtures/webhook-receiver.ts'
import { SettingsPage } from '../pages/SettingsPage.ts'

test.describe('settings: providers', () => {
  test('saves a provider, never echoes its credentials, and shows a failed connection test', async ({
    page,
    loginAs,
  }) => {
    const secrets = { username: `tm-user-${uid()}`, password: `tm-password-${uid()}-x` }
    const closedPort = await freePort()
    // Every answer about provider settings, to check that no credential comes back.
    const answers: Promise<string>[] = []
    page.on('response', (response: Response) => {
      if (response.url().includes('/api/settings/providers')) answers.push(response.text())
    })
    try {
      await loginAs('admin')
      const settings = new SettingsPage(page)
      await settings.goto()
      const card = settings.provider('trustmatic')
      await expect(card.getByTestId('provider-trustmatic-ready')).toContainText('base URL')
      await expect(card.getByTestId('provider-trustmatic-notes')).toContainText('does not document')

      // The API's own rule (https outside localhost) lands on the field.
      await card.getByTestId('provider-trustmatic-base-url').fill('http://trustmatic.example.com')
      await card.getByTestId('provider-trustmatic-save').click()
      await expect(card.getByTestId('provider-trustmatic-base-url-error')).toContainText(
        'must use https',
      )

      await card.getByTestId('provider-trustmatic-base-url').fill(`http://localhost:${closedPort}`)
      await card.getByTestId('provider-trustmatic-credential-username-input').fill(secrets.username)
      await card.getByTestId('provider-trustmatic-credential-password-input').fill(secrets.password)
      await expect(
        settings
          .credential('trustmatic', 'password')
          .getByTestId('provider-trustmatic-credential-password-state'),
      ).toHaveText('Will be set')
      await card.getByTestId('provider-trustmatic-save').click()
      await expect(page.getByTestId('toast-success')).toContainText('Trustmatic settings saved')
      await expect(card.getByTestId('provider-trustmatic-ready')).toHaveText('Ready to launch')
      for (const name of ['username', 'password']) {
        await expect(card.getByTestId(`provider-trustmatic-credential-${name}-state`)).toHaveText(
          'Set',
        )
        await expect(card.getByTestId(`provider-trustmatic-credential-${name}-input`)).toHaveValue(
          '',
        )
      }

      await page.reload()
      await expect(settings.heading).toBeVisible()
      await expect(card.getByTestId('provider-trustmatic-base-url')).toHaveValue(
        `http://localhost:${closedPort}`,
      )
      await expect(card.getByTestId('provider-trustmatic-credential-password-state')).toHaveText(
        'Set',
      )

      await card.getByTestId('provider-trustmatic-test').click()
      const result = card.getByTestId('provider-trustmatic-test-result')
      await expect(result).toHaveAttribute('aria-live', 'polite')
      await expect(result.locator('[data-state="error"]')).toContainText('The connection failed.')
      await expect(result).toContainText('could not be reached')

      const html = await page.content()
      for (const value of Object.values(secrets)) expect(html).not.toContain(value)
      const bodies = await Promise.all(answers)
      expect(bodies.length).toBeGreaterThanOrEqual(3)
      for (const body of bodies)
        for (const value of Object.values(secrets)) expect(body).not.toContain(value)

      await expectAccessible(page, 'the provider settings')
      await saveScreenshot(page, 'settings-providers')
    } finally {
      // The run shares one API: leave Trustmatic as it was (no host, no credentials).
      const admin = await adminContext()
      await admin.put('/api/settings/providers/trustmatic', {
        data: { baseUrl: null, credentials: { username: null, password: null } },
      })
      await admin.dispose()
    }
  })

  test('clearing a credential asks nothing of the other fields and says what will happen', async ({
    page,
    loginAs,
  }) => {
    const admin = await adminContext()
    try {
      await admin.put('/api/settings/providers/identomat', {
        data: { credentials: { callback_api_key: `cb-${uid()}` } },
      })
      await loginAs('admin')
      const settings = new SettingsPage(page)
      await settings.goto()
      const field = settings.credential('identomat', 'callback_api_key')
      const state = field.getByTestId('provider-identomat-credential-callback_api_key-state')
      await expect(state).toHaveText('Set')
      await field.getByTestId('provider-identomat-credential-callback_api_key-clear').click()
      await expect(state).toHaveText('Will be cleared')
      const saved = page.waitForRequest(
        (request) => request.method() === 'PUT' && request.url().endsWith('/identomat'),
      )
      await settings.provider('identomat').getByTestId('provider-identomat-save').click()
      expect((await saved).postDataJSON()).toEqual({ credentials: { callback_api_key: null } })
      await expect(state).toHaveText('Not set')
    } finally {
      await admin.put('/api/settings/providers/identomat', {
        data: { credentials: { callback_api_key: null } },
      })
      await admin.dispose()
    }
  })
})

test.describe('settings: webhooks', () => {
  test('creates a webhook, shows its secret once, and logs the test event it sends', async ({
    page,
    loginAs,
  }) => {
    // Deliveries go out from the outbox every ~2 s: four of them take a while.
    test.setTimeout(90_000)
    const receiver = await startWebhookReceiver(`/hooks/${uid()}`)
    try {
      await loginAs('admin')
      const settings = new SettingsPage(page)
      await settings.goto('webhooks')
      await expect(settings.tab('webhooks')).toHaveAttribute('aria-selected', 'true')

      await settings.createWebhook('http://hooks.example.com/veriflow')
      await expect(settings.newWebhookDialog.getByTestId('webhook-url-error')).toContainText(
        'must use https',
      )
      await settings.newWebhookDialog.getByTestId('webhook-event-session.completed').uncheck()
      await settings.newWebhookDialog.getByTestId('webhook-event-session.decided').uncheck()
      await settings.newWebhookDialog.getByTestId('webhook-url').fill(receiver.url)
      await settings.newWebhookDialog.getByTestId('webhook-new-submit').click()
      await expect(settings.newWebhookDialog.getByTestId('webhook-events-error')).toBeVisible()
      await settings.newWebhookDialog.getByTestId('webhook-event-session.decided').check()
      await settings.newWebhookDialog.getByTestId('webhook-new-submit').click()

      const value = settings.newWebhookDialog.getByTestId('webhook-secret-value')
      await expect(value).toHaveText(/^whsec_/)
      const secret = (await value.textContent())!.trim()
      await expect(settings.newWebhookDialog.getByTestId('webhook-secret-warning')).toContainText(
        'will not be shown again',
      )
      await expectAccessible(page, 'the new webhook secret')
      await saveScreenshot(page, 'settings-webhook-secret', { fullPage: false })
      await settings.newWebhookDialog.getByTestId('webhook-secret-done').click()
      await expect(settings.newWebhookDialog).toBeHidden()

      const row = settings.webhookRow(receiver.url)
      await expect(row.getByTestId('webhook-state')).toHaveText('Active')
      await expect(row).toContainText('session.decided')
      expect(await page.content()).not.toContain(secret)
      await page.reload()
      await expect(row).toBeVisible()
      expect(await page.content()).not.toContain(secret)

      await row.getByTestId('webhook-test').click()
      const delivery = row.getByTestId('webhook-delivery').first()
      await expect(delivery.getByTestId('webhook-delivery-status')).toHaveText('Delivered', {
        timeout: 20_000,
      })
      await expect(delivery.getByTestId('webhook-delivery-response')).toHaveText('HTTP 200')
      await expect(delivery).toContainText('webhook.test')
      const test = receiver.received.find((r) => r.event.type === 'webhook.test')
      expect(test, 'the receiver got the test event').toBeDefined()
      expect(hasValidSignature(secret, test!)).toBe(true)
      await expectAccessible(page, 'the webhook delivery log')
      await saveScreenshot(page, 'settings-webhooks')

      // A receiver that fails: the delivery waits for its next attempt, "Retry now" sends it.
      receiver.status = 500
      await row.getByTestId('webhook-test').click()
      const failing = row.getByTestId('webhook-delivery').first()
      await expect(failing.getByTestId('webhook-delivery-response')).toHaveText('HTTP 500', {
        timeout: 20_000,
      })
      await expect(failing.getByTestId('webhook-delivery-status')).toHaveText('Retrying')
      receiver.status = 200
      await failing.getByTestId('webhook-delivery-retry').click()
      await expect(failing.getByTestId('webhook-delivery-status')).toHaveText('Delivered', {
        timeout: 20_000,
      })

      await row.getByTestId('webhook-rotate').click()
      await expect(settings.webhookConfirm).toContainText('stops working at once')
      await settings.webhookConfirm.getByTestId('webhook-confirm-accept').click()
      const rotated = page.getByTestId('webhook-rotated-dialog').getByTestId('webhook-secret-value')
      await expect(rotated).toHaveText(/^whsec_/)
      expect((await rotated.textContent())!.trim()).not.toBe(secret)
      await page.getByTestId('webhook-rotated-dialog').getByTestId('webhook-secret-done').click()

      await row.getByTestId('webhook-deactivate').click()
      await settings.webhookConfirm.getByTestId('webhook-confirm-accept').click()
      await expect(row.getByTestId('webhook-state')).toHaveText('Inactive')
      await expect(row.getByTestId('webhook-test')).toBeDisabled()
      await row.getByTestId('webhook-activate').click()
      await expect(row.getByTestId('webhook-state')).toHaveText('Active')

      await row.getByTestId('webhook-delete').click()
      await settings.webhookConfirm.getByTestId('webhook-confirm-accept').click()
      await expect(row).toHaveCount(0)
    } finally {
      await receiver.close()
    }
  })
})

test.describe('settings: review and sessions', () => {
  test('four-eyes, reason templates and the session lifetime are saved and survive a reload', async ({
    page,
  }) => {
    // Four-eyes changes how every decision works: try it on an API of this test's own, so no
    // other spec of the run ever sees it on. Starting one takes a while.
    test.setTimeout(120_000)
    const api = await startPrivateApi('api-review-settings')
    try {
      await signInAsFirstAdmin(page, api)
      await page.goto(`${api.baseUrl}/settings?tab=review`)
      const settings = new SettingsPage(page)
      await expect(settings.tab('review')).toHaveAttribute('aria-selected', 'true')
      const fourEyes = page.getByTestId('four-eyes-switch')
      await expect(fourEyes).toHaveAttribute('aria-checked', 'false')
      await expect(page.getByTestId('review-panel')).toContainText('second, different reviewer')

      await fourEyes.click()
      await expect(fourEyes).toHaveAttribute('aria-checked', 'true')
      await page.getByTestId('session-ttl').fill('0')
      const rejected = settings.templateList('rejected')
      const template = `Selfie does not match ${uid()}`
      await rejected.getByTestId('reason-templates-rejected-add').click()
      await expect(rejected.getByTestId('reason-template-input').last()).toBeFocused()
      await page.keyboard.type(template)
      await page.getByTestId('review-save').click()
      await expect(page.getByTestId('session-ttl-error')).toContainText('1 to 10080')
      await page.getByTestId('session-ttl').fill('45')
      // Move the new template to the top, and remove a resubmission template.
      const count = await rejected.getByTestId('reason-template').count()
      for (let i = count - 1; i > 0; i--)
        await rejected
          .getByTestId('reason-template')
          .nth(i)
          .getByTestId('reason-template-up')
          .click()
      await expect(rejected.getByTestId('reason-template-input').first()).toHaveValue(template)
      const resubmission = settings.templateList('resubmission_requested')
      const before = await resubmission.getByTestId('reason-template').count()
      await resubmission.getByTestId('reason-template-remove').first().click()
      await expect(resubmission.getByTestId('reason-template')).toHaveCount(before - 1)
      await expect(page.getByTestId('review-unsaved')).toBeVisible()
      await page.getByTestId('review-save').click()
      await expect(page.getByTestId('toast-success')).toContainText('Review settings saved')
      await expect(page.getByTestId('review-unsaved')).toHaveCount(0)

      await page.reload()
      await expect(fourEyes).toHaveAttribute('aria-checked', 'true')
      await expect(page.getByTestId('session-ttl')).toHaveValue('45')
      await expect(rejected.getByTestId('reason-template-input').first()).toHaveValue(template)
      await expect(resubmission.getByTestId('reason-template')).toHaveCount(before - 1)
      const stored = await (await page.request.get(`${api.baseUrl}/api/settings/app`)).json()
      expect(stored.data).toMatchObject({ fourEyes: true, sessionTtlMinutesDefault: 45 })
      expect(stored.data.reasonTemplates.rejected[0]).toBe(template)
      await expectAccessible(page, 'the review settings')
      await saveScreenshot(page, 'settings-review')

      // And back off again, through the switch.
      await fourEyes.click()
      await page.getByTestId('review-save').click()
      await expect(page.getByTestId('review-unsaved')).toHaveCount(0)
      const after = await (await page.request.get(`${api.baseUrl}/api/settings/app`)).json()
      expect(after.data.fourEyes).toBe(false)
    } finally {
      await api.stop()
    }
  })
})

test.describe('settings: who may see the admin pages', () => {
  for (const role of ['reviewer', 'designer'] as const)
    test(`a ${role} sees no admin links and is sent away from admin pages`, async ({
      page,
      loginAs,
    }) => {
      await loginAs(role)
      await page.goto('/flows')
      await expect(page.getByTestId('nav-flows')).toBeVisible()
      await expect(page.getByTestId('nav-api-keys')).toBeVisible()
      for (const link of ['nav-settings', 'nav-users', 'nav-audit'])
        await expect(page.getByTestId(link)).toHaveCount(0)
      for (const path of ['/settings', '/settings?tab=webhooks', '/users', '/audit']) {
        await page.goto(path)
        await expect(page).toHaveURL(/\/flows$/)
      }
      const answer = await page.request.get('/api/settings/providers')
      expect(answer.status()).toBe(403)
    })
})
