// pnpm bench: builds the console and reports the runner page's weight against its budget (the
// build itself fails when the runner's JavaScript outgrows it).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describeFootprint, type RunnerFootprint } from './runner-budget.ts'

const consoleDir = fileURLToPath(new URL('..', import.meta.url))
const build = spawnSync('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], {
  cwd: consoleDir,
  stdio: ['ignore', 'ignore', 'inherit'],
})
if (build.status !== 0) process.exit(build.status ?? 1)
const footprint = JSON.parse(
  readFileSync(`${consoleDir}/dist/.vite/runner-budget.json`, 'utf8'),
) as RunnerFootprint
console.log(describeFootprint(footprint))
console.log(
  `runner page JS: ${((footprint.jsGzip / footprint.budget) * 100).toFixed(0)} % of the budget`,
)
