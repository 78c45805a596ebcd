#!/usr/bin/env node
// pnpm test: every test of the repository — vitest (all workspace projects) and then the browser
// tests (Playwright with Debian's chromium, installed here when missing) — ending with the plain
// line "N passed, N failed" that CI reads; non-zero exit on any failure.
// SKIP_E2E=1 runs only vitest (handy while developing; CI never sets it).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'

const vitestReport = resolve('.vitest-report.json')
const playwrightReport = resolve('.playwright-report.json')
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
let passed = 0
let failed = 0

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined
}

function runVitest() {
  rmSync(vitestReport, { force: true })
  const run = spawnSync(
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestReport}`,
    ],
    { stdio: 'inherit' },
  )
  const report = readJson(vitestReport)
  let ok = 0
  let bad = 0
  if (report) {
    ok = report.numPassedTests
    bad = report.numFailedTests
    // A file that fails to load has no failed test of its own: count it so it cannot pass silently.
    bad += report.testResults.filter(
      (file) => file.status === 'failed' && file.assertionResults.length === 0,
    ).length
  }
  if (run.status !== 0 && bad === 0) bad = 1
  return { ok, bad }
}

/** Runs apt-get as root, through `sudo -n` when this process is not root. */
function aptGet(args) {
  const command =
    process.getuid?.() === 0 ? ['apt-get', ...args] : ['sudo', '-n', 'apt-get', ...args]
  const run = spawnSync(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return run.status === 0
}

/** Debian's chromium for the browser tests: installed when missing (CI machines may be new). */
function ensureChromium() {
  if (existsSync(chromium)) return true
  console.log(`\n▶ installing Debian's chromium (${chromium} is missing)`)
  return (
    aptGet(['update', '-qq']) &&
    aptGet(['install', '-y', '-qq', 'chromium']) &&
    existsSync(chromium)
  )
}

function runBrowserTests() {
  if (!ensureChromium()) {
    console.error(
      `e2e: could not install chromium at ${chromium}; the browser tests count as failed`,
    )
    return { ok: 0, bad: 1 }
  }
  rmSync(playwrightReport, { force: true })
  const run = spawnSync('node', ['scripts/run-e2e.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport },
  })
  const stats = readJson(playwrightReport)?.stats
  const ok = stats ? stats.expected + stats.flaky : 0
  let bad = stats ? stats.unexpected : 0
  if (stats?.flaky) console.log(`e2e: ${stats.flaky} test(s) passed only on retry (flaky)`)
  if (run.status !== 0 && bad === 0) bad = 1
  return { ok, bad }
}

const unit = runVitest()
passed += unit.ok
failed += unit.bad
if (process.env.SKIP_E2E !== '1') {
  const browser = runBrowserTests()
  passed += browser.ok
  failed += browser.bad
} else {
  console.log('SKIP_E2E=1: browser tests not run')
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
