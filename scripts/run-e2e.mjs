#!/usr/bin/env node
// pnpm e2e: builds the console, then runs the browser tests under tests/e2e (Playwright driving
// Debian's chromium against the real API with a fresh PGlite folder). Extra arguments go to
// `playwright test` (e.g. `pnpm e2e specs/login.spec.ts` or `pnpm e2e --grep import`).
// Never `playwright install`: the browser is the system's (apt-get install -y chromium).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.error(
    `e2e: no browser at ${chromium}. Install Debian's chromium (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.`,
  )
  process.exit(1)
}

function run(step, args) {
  console.log(`\n▶ ${step}: pnpm ${args.join(' ')}`)
  const result = spawnSync('pnpm', args, { stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`e2e: ${step} failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status || 1)
  }
}

run('build the console', ['--filter', '@veriflow/console', 'build'])
run('browser tests', ['--filter', '@veriflow/e2e', 'test', ...process.argv.slice(2)])
