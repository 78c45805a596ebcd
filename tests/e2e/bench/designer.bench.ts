// pnpm bench → the designer in headless Chromium: how long a 200-step / 2,000-question flow takes
// to open and how long a reorder takes to commit, each next to a baseline measured in the same
// run (a 1-step flow, a 3-step flow) and as a ratio. Targets: open < 1.5 s, reorder < 100 ms.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { generateLargeFlow } from '@veriflow/schema/fixtures'
import { chromium, type Page } from 'playwright-core'
import { ADMIN, CONSOLE_DIR, REPO_ROOT, startApi } from '../fixtures/api-server.ts'

const RUNS = 5
const REORDERS = 10
const STEPS = 200
const QUESTIONS = 2000

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function createFlow(baseUrl: string, document: unknown): Promise<string> {
  const response = await fetch(`${baseUrl}/api/flows`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ document }),
  })
  const body = (await response.json()) as { data: { id: string } }
  if (!response.ok) throw new Error(`creating a flow failed: ${JSON.stringify(body)}`)
  return body.data.id
}

/** Milliseconds from navigation start until every step card is in the DOM and painted. */
async function openTime(page: Page, id: string, steps: number): Promise<number> {
  await page.goto('about:blank')
  await page.goto(`/flows/${id}`, { waitUntil: 'commit' })
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="step-card"]').length === n,
    steps,
    { polling: 'raf', timeout: 30_000 },
  )
  return page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))',
  )
}

/**
 * Milliseconds from Alt+↓ on a card until the moved card is in its new place and painted. The
 * page code is a string: tsx would wrap named functions in helpers the page does not have.
 */
async function reorderTime(page: Page, index: number): Promise<number> {
  return page.evaluate(`(async () => {
    const at = ${index}
    const cards = () => [...document.querySelectorAll('[data-testid="step-card"]')]
    const card = cards()[at]
    const id = card.dataset.stepId
    card.focus()
    const start = performance.now()
    card.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true }))
    await new Promise((resolve) => {
      const check = () => (cards()[at + 1]?.dataset.stepId === id ? resolve() : requestAnimationFrame(check))
      check()
    })
    await new Promise((resolve) => requestAnimationFrame(resolve))
    return performance.now() - start
  })()`)
}

function line(
  label: string,
  value: number,
  baseline: number,
  baselineLabel: string,
  target: number,
) {
  const verdict = value < target ? 'within' : 'OVER'
  console.log(
    `${label.padEnd(34)} ${value.toFixed(1).padStart(8)} ms   baseline (${baselineLabel}) ${baseline
      .toFixed(1)
      .padStart(
        7,
      )} ms   ratio ${(value / baseline).toFixed(2)}×   ${verdict} the ${target} ms target`,
  )
}

async function main(): Promise<void> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) {
    const build = spawnSync('pnpm', ['--filter', '@veriflow/console', 'build'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    })
    if (build.status !== 0) throw new Error('building the console failed')
  }
  const api = await startApi('bench')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  })
  try {
    const large = generateLargeFlow({ steps: STEPS, questions: QUESTIONS })
    const one = { ...large, name: 'One step', steps: large.steps.slice(0, 1) }
    const three = { ...large, name: 'Three steps', steps: large.steps.slice(0, 3) }
    const ids = {
      large: await createFlow(api.baseUrl, large),
      one: await createFlow(api.baseUrl, one),
      three: await createFlow(api.baseUrl, three),
    }
    const context = await browser.newContext({
      baseURL: api.baseUrl,
      viewport: { width: 1440, height: 900 },
    })
    const page = await context.newPage()
    const login = await page.request.post('/api/auth/login', {
      data: { email: ADMIN.email, password: ADMIN.password },
    })
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`)
    // Warm-up: the console's assets in the cache, the JIT warm, for both sizes.
    await openTime(page, ids.one, 1)
    await openTime(page, ids.large, STEPS)

    const openLarge: number[] = []
    const openOne: number[] = []
    for (let run = 0; run < RUNS; run++) {
      openOne.push(await openTime(page, ids.one, 1))
      openLarge.push(await openTime(page, ids.large, STEPS))
    }

    const reorderLarge: number[] = []
    for (let n = 0; n < REORDERS; n++) reorderLarge.push(await reorderTime(page, 100 + n))
    await openTime(page, ids.three, 3)
    const reorderSmall: number[] = []
    for (let n = 0; n < REORDERS; n++) reorderSmall.push(await reorderTime(page, n % 2))

    console.log(`designer, headless Chromium, median of ${RUNS} opens / ${REORDERS} reorders`)
    line(
      `open ${STEPS} steps / ${QUESTIONS} questions`,
      median(openLarge),
      median(openOne),
      '1 step',
      1500,
    )
    line(
      `reorder in ${STEPS} steps (Alt+↓)`,
      median(reorderLarge),
      median(reorderSmall),
      '3 steps',
      100,
    )
  } finally {
    await browser.close()
    await api.stop()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
