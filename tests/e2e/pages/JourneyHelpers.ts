import {
  chromium,
  expect,
  request,
  test,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test'
import type { Role } from '../fixtures/api-client.ts'
import { PHONE } from '../fixtures/devices.ts'
import type { ReceivedWebhook, WebhookReceiver } from '../fixtures/webhook-receiver.ts'
import type { AuditLogPage } from './AuditLogPage.ts'
import { LoginPage } from './LoginPage.ts'
import type { UsersPage } from './UsersPage.ts'

/** Someone the journey signs in as through the form. */
export interface Person {
  email: string
  password: string
  name: string
  role: Role
}

/** A desktop browser context of its own (its own cookies) on the journey's API. */
export async function desktopContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
  })
}

/** Signs in through the sign-in form and waits for the console's landing page. */
export async function signInThroughForm(page: Page, person: Pick<Person, 'email' | 'password'>) {
  const login = new LoginPage(page)
  await login.goto()
  await login.signIn(person.email, person.password)
  await expect(page).toHaveURL(/\/flows$/)
  await expect(page.getByTestId('current-user')).toContainText(person.email)
}

/** Creates a user with a password in the Users page's "New user" dialog. */
export async function createUserWithPassword(users: UsersPage, person: Person): Promise<void> {
  const dialog = users.newUserDialog
  await users.page.getByTestId('user-new').click()
  await expect(dialog).toBeVisible()
  await dialog.getByTestId('user-new-email').fill(person.email)
  await dialog.getByTestId('user-new-name').fill(person.name)
  await dialog.getByTestId(`user-new-role-${person.role}`).check()
  await dialog.getByTestId('user-new-set-password').check()
  await dialog.getByTestId('user-new-password').fill(person.password)
  await dialog.getByTestId('user-new-submit').click()
  await expect(users.page.getByTestId('toast-success').last()).toContainText(
    `${person.email} can sign in now`,
  )
  await expect(dialog).toBeHidden()
}

/** What `POST /api/launches` answered, with the runner link's path. */
export interface JourneyLaunch {
  sessionId: string
  launchUrl: string
  path: string
}

/** Launches a sandbox session as an integrator would: the API key as a bearer token. */
export async function launchWithApiKey(
  baseURL: string,
  apiKey: string,
  body: { flowId: string; externalId: string },
): Promise<JourneyLaunch> {
  const integrator = await request.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${apiKey}` },
  })
  try {
    const response = await integrator.post('/api/launches', {
      data: { flowId: body.flowId, target: 'sandbox', user: { externalId: body.externalId } },
    })
    const text = await response.text()
    expect(response.status(), text).toBe(201)
    const data = (JSON.parse(text) as { data: { sessionId: string; launchUrl: string } }).data
    return { ...data, path: new URL(data.launchUrl).pathname }
  } finally {
    await integrator.dispose()
  }
}

/**
 * A second Chromium as the end user's phone: the flags of this run's project plus the fake
 * camera, camera permission granted, a 390×844 touch screen.
 */
export async function phoneWithFakeCamera(
  baseURL: string,
): Promise<{ browser: Browser; context: BrowserContext }> {
  const launch = test.info().project.use.launchOptions ?? {}
  const browser = await chromium.launch({
    executablePath: launch.executablePath ?? '/usr/bin/chromium',
    args: [
      ...(launch.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  })
  const context = await browser.newContext({
    ...PHONE,
    baseURL,
    locale: 'en-GB',
    timezoneId: 'UTC',
    permissions: ['camera'],
  })
  return { browser, context }
}

/** Waits until the receiver got an event of this type about this session, and returns it. */
export async function waitForWebhook(
  receiver: WebhookReceiver,
  type: string,
  sessionId: string,
  timeout = 60_000,
): Promise<ReceivedWebhook> {
  const find = () =>
    receiver.received.find((r) => r.event.type === type && r.event.data.sessionId === sessionId)
  await expect
    .poll(() => find()?.event.type ?? 'nothing yet', {
      timeout,
      message: `the webhook receiver got ${type} for ${sessionId}`,
    })
    .toBe(type)
  return find()!
}

/** Every action the audit log lists under its current filter ("Load more" until the end). */
export async function allAuditActions(audit: AuditLogPage): Promise<string[]> {
  const more = audit.page.getByTestId('audit-load-more')
  for (let pages = 0; pages < 20 && (await more.isVisible()); pages++) {
    const before = await audit.rows.count()
    await more.click()
    await expect.poll(() => audit.rows.count()).toBeGreaterThan(before)
  }
  return audit.rows.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action') ?? ''))
}

/** The audit rows of one action (newest first), those mentioning `text` when given. */
export function auditRows(audit: AuditLogPage, action: string, text?: string): Locator {
  const rows = audit.page.locator(`[data-testid="audit-row"][data-action="${action}"]`)
  return text ? rows.filter({ hasText: text }) : rows
}
