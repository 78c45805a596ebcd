import { ADMIN } from '../fixtures/api-server.ts'
import { expect, test, uid } from '../fixtures/index.ts'
import { startPrivateApi } from '../fixtures/private-api.ts'
import { saveScreenshot } from '../fixtures/screenshots.ts'
import { hasValidSignature, startWebhookReceiver } from '../fixtures/webhook-receiver.ts'
import { ApiKeysPage } from '../pages/ApiKeysPage.ts'
import { AuditLogPage } from '../pages/AuditLogPage.ts'
import { DesignerPage } from '../pages/DesignerPage.ts'
import { FlowsListPage } from '../pages/FlowsListPage.ts'
import {
  allAuditActions,
  auditRows,
  createUserWithPassword,
  desktopContext,
  launchWithApiKey,
  phoneWithFakeCamera,
  signInThroughForm,
  waitForWebhook,
  type Person,
} from '../pages/JourneyHelpers.ts'
import { RunnerPage } from '../pages/RunnerPage.ts'
import { SessionDetailPage } from '../pages/SessionDetailPage.ts'
import { SessionsPage } from '../pages/SessionsPage.ts'
import { SettingsPage } from '../pages/SettingsPage.ts'
import { UsersPage } from '../pages/UsersPage.ts'

/** Where the Video KYC template sends the person at the end (answered by the test). */
const TEMPLATE_RETURN = 'https://example.com/video-kyc/finished'

function person(role: Person['role'], name: string): Person {
  return { email: `${role}-${uid()}@journey.test`, password: `pw-${uid()}-journey`, name, role }
}

test.describe('the whole journey on a fresh install', () => {
  test('admin → designer → end user on a phone → two reviewers → webhooks → audit log', async ({
    browser,
  }) => {
    // A private API (fresh database: empty lists, four-eyes of its own) takes up to ~90 s to
    // start on a loaded machine; the journey itself signs in five times and runs two browsers.
    test.setTimeout(360_000)
    const api = await startPrivateApi('api-journey')
    const receiver = await startWebhookReceiver(`/hooks/journey-${uid()}`)
    const contexts = [] as Array<{ close(): Promise<void> }>
    const open = async () => {
      const context = await desktopContext(browser, api.baseUrl)
      contexts.push(context)
      return context.newPage()
    }
    const designer = person('designer', 'Dana Designer')
    const firstReviewer = person('reviewer', 'Rita Reviewer')
    const secondReviewer = person('reviewer', 'Rob Reviewer')
    const flowName = `Video KYC for sellers ${uid()}`
    const externalId = `seller-${uid()}`
    try {
      // 1. The first admin signs in and creates a designer and two reviewers.
      const admin = await open()
      await signInThroughForm(admin, ADMIN)
      const users = new UsersPage(admin)
      await users.goto()
      await expect(users.rows).toHaveCount(1)
      for (const someone of [designer, firstReviewer, secondReviewer])
        await createUserWithPassword(users, someone)
      await admin.getByTestId('users-filter').fill('')
      await expect(users.rows).toHaveCount(4)
      for (const someone of [designer, firstReviewer, secondReviewer]) {
        const row = users.rows.filter({ hasText: someone.email })
        await expect(row.getByTestId('user-status')).toHaveText('Active')
        await expect(row.getByTestId('user-role')).toHaveText(
          someone.role === 'designer' ? 'Designer' : 'Reviewer',
        )
      }
      await saveScreenshot(admin, 'journey-01-users')

      // 2. Four-eyes on; a webhook to the receiver (its secret is shown once).
      const settings = new SettingsPage(admin)
      await settings.goto('review')
      const fourEyes = admin.getByTestId('four-eyes-switch')
      await expect(fourEyes).toHaveAttribute('aria-checked', 'false')
      await fourEyes.click()
      await admin.getByTestId('review-save').click()
      await expect(admin.getByTestId('toast-success').last()).toContainText('Review settings saved')
      await expect(admin.getByTestId('review-unsaved')).toHaveCount(0)
      await expect(fourEyes).toHaveAttribute('aria-checked', 'true')
      await saveScreenshot(admin, 'journey-02-settings-review')

      await settings.tab('webhooks').click()
      await settings.createWebhook(receiver.url, ['session.completed', 'session.decided'])
      const secretValue = settings.newWebhookDialog.getByTestId('webhook-secret-value')
      await expect(secretValue).toHaveText(/^whsec_/)
      const secret = (await secretValue.textContent())!.trim()
      await saveScreenshot(admin, 'journey-03-webhook-secret', { fullPage: false })
      await settings.newWebhookDialog.getByTestId('webhook-secret-done').click()
      const webhook = settings.webhookRow(receiver.url)
      await expect(webhook.getByTestId('webhook-state')).toHaveText('Active')
      await expect(webhook).toContainText('session.completed')
      await expect(webhook).toContainText('session.decided')
      await saveScreenshot(admin, 'journey-04-settings-webhooks')

      // 3. The designer signs in, starts from the Video KYC template and adapts it.
      const design = await open()
      await signInThroughForm(design, designer)
      const flows = new FlowsListPage(design)
      await flows.goto()
      await expect(design.getByTestId('flows-empty')).toBeVisible()
      await flows.createFromTemplate('video-kyc', flowName)
      await expect(design).toHaveURL(/\/flows\/[0-9a-f-]{36}$/)
      const flowId = design.url().split('/').pop()!
      const editor = new DesignerPage(design)
      await expect(design.getByTestId('designer-flow-name')).toHaveText(flowName)
      expect(await editor.keys()).toEqual([
        'identity-document',
        'liveness',
        'video-call',
        'operator_review',
      ])

      // The sandbox has no operator video console: the call goes; a user questionnaire comes.
      await editor.card('video-call').getByTestId('step-delete').click()
      await editor.paletteItem('user-questionnaire').click()
      await expect(editor.inspector.getByTestId('inspector-type')).toHaveText('User questionnaire')
      await editor.inspector.getByTestId('step-title-en').fill('About your work')
      await editor.card('questionnaire').focus()
      await design.keyboard.press('Alt+ArrowUp')
      await expect
        .poll(() => editor.keys())
        .toEqual(['identity-document', 'liveness', 'questionnaire', 'operator_review'])

      await editor.selectStep('questionnaire')
      await editor.inspector.getByTestId('question-add-options').click()
      let question = await editor.openQuestion('question_1')
      await question.getByTestId('question-key-input').fill('employment')
      await question.getByTestId('question-title-en').fill('Employment')
      await question.getByTestId('question-mandatory').check()
      await question.getByTestId('option-key-input').first().fill('employed')
      await question.getByTestId('option-title-en').first().fill('Employed')
      await question.getByTestId('option-add').click()
      await question.getByTestId('option-key-input').nth(1).fill('student')
      await question.getByTestId('option-title-en').nth(1).fill('Student')

      await editor.inspector.getByTestId('question-add-string').click()
      question = await editor.openQuestion('question_2')
      await question.getByTestId('question-key-input').fill('employer')
      await question.getByTestId('question-title-en').fill('Employer name')
      await question.getByTestId('question-mandatory').check()
      await question.getByTestId('condition-add').click()
      await question
        .getByTestId('condition-clause')
        .getByTestId('clause-value')
        .selectOption({ label: 'Employed' })
      await expect(question.getByTestId('condition-sentence')).toHaveText(
        'Shown when Employment = Employed.',
      )
      await expect(editor.issueItems).toHaveCount(0)
      await saveScreenshot(design, 'journey-05-designer-condition')

      await editor.tab('targets')
      await design.getByTestId('target-sandbox-enabled').check()
      await expect(design.getByTestId('target-sandbox-status')).toContainText(
        'can express everything',
      )
      await editor.expectSaveStatus('saved')
      await saveScreenshot(design, 'journey-06-designer-targets')
      await editor.publish('First version: video call replaced by a questionnaire')
      await expect(design.getByTestId('designer-version')).toHaveText('Draft · v1 published')
      await editor.tab('versions')
      await expect(
        design.locator('[data-testid="version-row"][data-version="1"]').getByTestId('version-note'),
      ).toHaveText('First version: video call replaced by a questionnaire')
      await saveScreenshot(design, 'journey-07-designer-published')
      await design.getByTestId('designer-back').click()
      await flows.settled()
      const listed = flows.row(flowName)
      await expect(listed).toBeVisible()
      await expect(listed.getByTestId('flow-status')).toHaveText('Published v1')
      await saveScreenshot(design, 'journey-08-flows-list')

      // 4. The designer's API key (shown once, copied from the page) launches a sandbox session.
      const keys = new ApiKeysPage(design)
      await keys.goto()
      const apiKey = await keys.create('Shop backend')
      await saveScreenshot(design, 'journey-09-api-key-secret', { fullPage: false })
      await keys.newKeyDialog.getByTestId('api-key-secret-done').click()
      await expect(keys.newKeyDialog).toBeHidden()
      await expect(keys.row('Shop backend')).toBeVisible()
      expect(await design.content()).not.toContain(apiKey)
      const launched = await launchWithApiKey(api.baseUrl, apiKey, { flowId, externalId })

      // 5. The end user, on a phone with the fake camera, goes through the three steps.
      const phone = await phoneWithFakeCamera(api.baseUrl)
      contexts.push(phone.browser)
      // The template's return URL is the integrator's site: the phone "gets there" offline.
      await phone.context.route(`${TEMPLATE_RETURN}**`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>Shop</title><h1 id="back">Back at the shop</h1>',
        }),
      )
      const endUser = await phone.context.newPage()
      const runner = new RunnerPage(endUser)
      await runner.goto(launched.path)
      await runner.expectStep('identity-document', 'Identity document')
      await expect(runner.progress).toContainText('Step 1 of 3')
      await expect(endUser.getByTestId('runner-flow-name')).toHaveText(flowName)
      await endUser.getByTestId('doc-type-id').check()
      await runner.capture('document_front')
      await runner.capture('document_back')
      await runner.continue()
      await runner.expectStep('liveness', 'Selfie')
      await expect(endUser.getByTestId('camera')).toHaveAttribute('data-state', 'live')
      await endUser.getByTestId('liveness-start').click()
      await expect(endUser.getByTestId('liveness-done')).toBeVisible({ timeout: 20_000 })
      await runner.continue()
      await runner.expectStep('user-questionnaire', 'About your work')
      await expect(runner.question('employer')).toHaveCount(0)
      await endUser.getByTestId('option-employed').check()
      await expect(runner.question('employer')).toBeVisible()
      await runner.question('employer').getByTestId('question-input').fill('ACME Logistics')
      await saveScreenshot(endUser, 'journey-10-runner-questionnaire')
      await endUser.getByTestId('questionnaire-submit').click()
      await endUser.waitForURL(`${TEMPLATE_RETURN}?**`)
      const back = new URL(endUser.url())
      expect(back.searchParams.get('status')).toBe('COMPLETED')
      expect(back.searchParams.get('session_id')).toBe(launched.sessionId)
      await expect(endUser.locator('#back')).toBeVisible()
      await phone.browser.close()

      const completed = await waitForWebhook(receiver, 'session.completed', launched.sessionId)
      expect(hasValidSignature(secret, completed)).toBe(true)
      expect(completed.event.data).toMatchObject({
        externalUserId: externalId,
        status: 'completed',
      })

      // 6. The first reviewer finds it under "Needs review" and proposes to reject it.
      const review = await open()
      await signInThroughForm(review, firstReviewer)
      await review.getByTestId('nav-sessions').click()
      const sessions = new SessionsPage(review)
      await expect(sessions.heading).toBeVisible()
      await sessions.view('Needs review').click()
      await expect.poll(() => sessions.query()).toEqual({ status: 'completed', decision: 'none' })
      await sessions.expectRows([launched.sessionId])
      const row = sessions.row(launched.sessionId)
      await expect(row).toContainText(externalId)
      await expect(row).toContainText(flowName)
      await expect(row.getByTestId('session-version')).toHaveText('v1')
      await saveScreenshot(review, 'journey-11-needs-review')
      await row.getByRole('cell').first().click()

      const detail = new SessionDetailPage(review)
      await detail.expectLoaded(externalId)
      await expect(detail.status).toHaveText('Completed')
      await expect(detail.decisionBadge).toHaveText('Not decided')
      await expect(review.getByTestId('session-target')).toHaveText('Sandbox')
      await expect(review.getByTestId('session-flow-link')).toContainText('version 1')
      await expect(detail.answer('Employment')).toContainText('Employed')
      await expect(detail.answer('Employer name')).toContainText('ACME Logistics')
      await expect(detail.answer('Employer name').getByTestId('answer-explanation')).toHaveText(
        /Shown because Employment = Employed/,
      )
      // The captures: both sides of the document and the selfie, decoded with the reviewer's cookie.
      await expect(review.getByTestId('media-group')).toHaveCount(2)
      for (const name of ['Document front', 'Document back', 'Selfie']) {
        const thumb = review.getByRole('button', { name: new RegExp(`^Open ${name},`) })
        await expect(thumb).toHaveCount(1)
        await expect
          .poll(() =>
            thumb
              .getByTestId('media-thumb-image')
              .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
          )
          .toBeGreaterThan(0)
      }

      // The operator questionnaire: its condition is live, then the answers are saved.
      const operator = detail.operator
      const mismatch = operator.locator(
        '[data-testid="operator-question"][data-key="mismatch_details"]',
      )
      await expect(operator.getByTestId('operator-question-hidden')).toContainText(
        'What did not match?',
      )
      await operator.getByTestId('operator-option-match_no').check()
      await expect(mismatch).toBeVisible()
      await operator.getByTestId('operator-option-match_yes').check()
      await expect(mismatch).toHaveCount(0)
      await operator.getByTestId('operator-option-screen').check()
      await operator
        .locator('[data-testid="operator-question"][data-key="notes"]')
        .getByTestId('operator-input')
        .fill('The document was held up to a second screen.')
      await operator.getByTestId('operator-save').click()
      await expect(operator.getByTestId('operator-save-state')).toHaveText('Saved')
      await saveScreenshot(review, 'journey-12-session-detail')

      await review.getByTestId('decision-choose-rejected').click()
      await expect(review.getByTestId('decision-four-eyes')).toBeVisible()
      await detail.reason.fill('The document was shown on a screen, not held in hand')
      await detail.submit.click()
      const pending = review.getByTestId('decision-pending')
      await expect(pending).toContainText('Pending confirmation by a second reviewer')
      await expect(pending).toContainText(`${firstReviewer.email} proposed to reject`)
      await expect(detail.decisionBadge).toHaveText('Pending confirmation')
      await expect(detail.confirm).toBeDisabled()
      await expect(review.getByTestId('decision-confirm-own')).toContainText(
        'needs a different reviewer',
      )
      await saveScreenshot(review, 'journey-13-pending-confirmation')

      // The second reviewer finds it awaiting confirmation and confirms: rejected.
      const second = await open()
      await signInThroughForm(second, secondReviewer)
      const queue = new SessionsPage(second)
      await queue.goto()
      await queue.view('Awaiting confirmation').click()
      await queue.expectRows([launched.sessionId])
      await queue.row(launched.sessionId).getByRole('cell').first().click()
      const confirming = new SessionDetailPage(second)
      await confirming.expectLoaded(externalId)
      await expect(confirming.confirm).toBeEnabled()
      await expect(confirming.confirm).toHaveText('Confirm: reject')
      await confirming.confirm.click()
      await expect(confirming.decisionBadge).toHaveText('Rejected')
      const current = second.getByTestId('decision-current')
      await expect(current).toContainText(`by ${firstReviewer.email}`)
      await expect(current).toContainText(
        'Reason: The document was shown on a screen, not held in hand',
      )
      await expect(second.getByTestId('decision-pending')).toHaveCount(0)
      await saveScreenshot(second, 'journey-14-decided')

      // 7. The receiver got both events, signed with the webhook's secret.
      const decided = await waitForWebhook(receiver, 'session.decided', launched.sessionId)
      expect(hasValidSignature(secret, decided)).toBe(true)
      expect(decided.event.data).toMatchObject({
        decision: 'rejected',
        decisionReason: 'The document was shown on a screen, not held in hand',
      })
      expect(hasValidSignature('whsec_not-the-secret', decided)).toBe(false)

      // 8. The admin's audit log shows every step of it.
      const audit = new AuditLogPage(admin)
      await admin.getByTestId('nav-audit').click()
      await expect(audit.heading).toBeVisible()
      await audit.settled()
      const actions = await allAuditActions(audit)
      for (const action of [
        'user.created',
        'app_settings.updated',
        'webhook.created',
        'flow.created',
        'flow.updated',
        'flow.published',
        'api_key.created',
        'session.launched',
        'session.operator_answers_saved',
        'session.decision_proposed',
        'session.decision_confirmed',
      ])
        expect(actions, `the audit log lists ${action}`).toContain(action)
      for (const someone of [designer, firstReviewer, secondReviewer])
        await expect(auditRows(audit, 'user.created', someone.email)).toHaveCount(1)
      await expect(auditRows(audit, 'webhook.created').first()).toContainText(receiver.url)
      await expect(
        auditRows(audit, 'flow.published').first().getByTestId('audit-actor'),
      ).toContainText(designer.email)
      await expect(
        auditRows(audit, 'flow.published').first().getByTestId('audit-version'),
      ).toHaveText('version 1')
      await expect(
        auditRows(audit, 'session.decision_proposed').first().getByTestId('audit-actor'),
      ).toContainText(firstReviewer.email)
      const confirmed = auditRows(audit, 'session.decision_confirmed').first()
      await expect(confirmed.getByTestId('audit-actor')).toContainText(secondReviewer.email)
      await expect(confirmed.getByTestId('audit-target-link')).toHaveAttribute(
        'href',
        `/sessions/${launched.sessionId}`,
      )
      await saveScreenshot(admin, 'journey-15-audit-log')
    } finally {
      for (const context of contexts.reverse()) await context.close().catch(() => undefined)
      await receiver.close()
      await api.stop()
    }
  })
})
