#!/usr/bin/env node
// pnpm bench: every benchmark of the repository, one after the other. Each prints its figures as
// ratios against a baseline measured in the same run.
import { spawnSync } from 'node:child_process'

const benches = [
  ['schema validation', ['exec', 'tsx', 'packages/schema/bench/validation.bench.ts']],
  ['designer in the browser', ['exec', 'tsx', 'tests/e2e/bench/designer.bench.ts']],
  [
    'sessions list in the browser (issue 7)',
    ['exec', 'tsx', 'tests/e2e/bench/sessions-list.bench.ts'],
  ],
  ['runner page weight (issue 6)', ['exec', 'tsx', 'apps/console/build/runner-size.ts']],
  ['API: flows (issue 3)', ['exec', 'tsx', 'apps/api/bench/flows.bench.ts']],
  [
    'API: sessions list and sandbox launches (issue 4)',
    ['exec', 'tsx', 'apps/api/bench/sessions.bench.ts'],
  ],
]

let failed = false
for (const [name, args] of benches) {
  console.log(`\n== ${name}`)
  const run = spawnSync('pnpm', args, { stdio: 'inherit' })
  if (run.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
