import { defineConfig } from '@playwright/test'

/**
 * Browser tests against the real API serving the built console (`pnpm e2e` builds it first).
 * Chromium is Debian's package (`apt-get install -y chromium`); never `playwright install`.
 */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export default defineConfig({
  testDir: './specs',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  globalSetup: './global-setup.ts',
  // Generous: CI machines have two cores shared by the API, two browsers and PostgreSQL.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  // The list on the console; with PLAYWRIGHT_JSON_OUTPUT_NAME (set by `pnpm test`) also a JSON
  // report there, which the test script counts. Set here, not by a --reporter flag: pnpm takes a
  // `--reporter` argument as its own option and never passes it on.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME
    ? [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME }]]
    : [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    testIdAttribute: 'data-testid',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath, args: chromiumArgs },
  },
  projects: [
    { name: 'console', testIgnore: '**/runner-*.spec.ts' },
    {
      // The end-user runner: Chromium's fake camera, permission granted without a prompt.
      name: 'runner',
      testMatch: '**/runner-*.spec.ts',
      use: {
        permissions: ['camera'],
        launchOptions: {
          executablePath,
          args: [
            ...chromiumArgs,
            '--use-fake-device-for-media-stream',
            '--use-fake-ui-for-media-stream',
          ],
        },
      },
    },
  ],
})
