// pnpm bench → the sessions list in headless Chromium over 100,000 seeded sessions: how long the
// first page of rows takes to appear (next to a baseline measured in the same run: a search that
// finds one session), and whether scrolling through several pages with the mouse wheel stays
// smooth (frame gaps from requestAnimationFrame, long tasks from PerformanceObserver), next to
// the same page left idle for as long. Targets: first page < 1 s; no frame over 50 ms.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { CONSOLE_DIR, REPO_ROOT } from '../fixtures/api-server.ts'

/** What this bench uses of apps/api/bench/bench-support.ts (the API benches' set-up). */
interface BenchSupport {
  startBenchApi(kind: 'pglite'): Promise<{
    url: string
    auth: { Authorization: string }
    ctx: { db: unknown }
    close(): Promise<void>
  }>
  seedSessions(db: unknown, options: { flowId: string; count: number }): Promise<number>
  api<T>(
    base: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<{ data: T }>
}

// Imported by path at run time: type-checking the API's sources is apps/api's job (this package
// has neither its Express typings nor its dependencies).
const SUPPORT = new URL('../../../apps/api/bench/bench-support.ts', import.meta.url).href
const { api, seedSessions, startBenchApi } = (await import(SUPPORT)) as BenchSupport

const SEEDED = 100_000
const RUNS = 5
/** Rows of one API page (the list's page size) × row height: the pixels of one page. */
const PAGE_PIXELS = 50 * 44
const PAGES_SCROLLED = 8
const WHEEL_STEP = 220

const FLOW = {
  schemaVersion: 1,
  name: 'Bench onboarding',
  languages: ['en'],
  steps: [
    {
      id: 's_q',
      type: 'user-questionnaire',
      key: 'about',
      title: 'About you',
      questions: [{ id: 'q_name', type: 'string', key: 'name', title: 'Your name' }],
    },
  ],
  targets: { sandbox: { enabled: true } },
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** When the first page of rows was painted, and when its API answer had arrived (ms). */
interface FirstPage {
  painted: number
  answered: number
}

/**
 * Installed in every page before its scripts: notes (performance.now(), from navigation start)
 * the frame after the first session rows appear in the DOM, i.e. once they were painted. In the
 * page itself, so no round trip to the test process is counted.
 */
const FIRST_ROWS_PROBE = `(() => {
  window.__firstRows = null
  const check = () => {
    if (document.querySelector('[data-testid="session-row"]'))
      requestAnimationFrame(() => (window.__firstRows = performance.now()))
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`

/** From navigation start until the first page of rows is painted. */
async function firstPageTime(page: Page, query: string): Promise<FirstPage> {
  await page.goto('about:blank')
  await page.goto(`/sessions${query}`, { waitUntil: 'commit' })
  await page.waitForFunction(
    () => (window as unknown as { __firstRows: number | null }).__firstRows !== null,
    undefined,
    { polling: 100, timeout: 60_000 },
  )
  return page.evaluate(`(() => {
    const list = performance.getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname === '/api/sessions')
    return { painted: window.__firstRows, answered: list.length ? list[0].responseEnd : NaN }
  })()`)
}

interface FrameStats {
  frames: number
  maxGap: number
  over50: number
  longTasks: number
  longestTask: number
}

/**
 * Starts recording frame gaps and long tasks in the page. The page code is a string: tsx would
 * wrap named functions in helpers the page does not have.
 */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const rec = { gaps: [], tasks: [], running: true, last: performance.now() }
    window.__bench = rec
    const tick = (now) => {
      rec.gaps.push(now - rec.last)
      rec.last = now
      if (rec.running) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    try {
      rec.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) rec.tasks.push(entry.duration)
      })
      rec.observer.observe({ type: 'longtask', buffered: false })
    } catch {}
  })()`)
}

async function stopRecording(page: Page): Promise<FrameStats> {
  return page.evaluate(`(() => {
    const rec = window.__bench
    rec.running = false
    rec.observer?.disconnect()
    const gaps = rec.gaps.slice(1)
    return {
      frames: gaps.length,
      maxGap: Math.max(0, ...gaps),
      over50: gaps.filter((gap) => gap > 50).length,
      longTasks: rec.tasks.length,
      longestTask: Math.max(0, ...rec.tasks),
    }
  })()`)
}

/** Scrolls the list by `pixels` with wheel events about one frame apart. */
async function wheelThrough(page: Page, pixels: number): Promise<void> {
  const box = await page.getByTestId('sessions-scroller').boundingBox()
  if (!box) throw new Error('the sessions list has no scroll area')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  for (let done = 0; done < pixels; done += WHEEL_STEP) {
    await page.mouse.wheel(0, WHEEL_STEP)
    await page.waitForTimeout(16)
  }
  // Let the last page arrive and render.
  await page.waitForTimeout(300)
}

function timeLine(label: string, value: number, baseline: number, baselineLabel: string) {
  const target = 1000
  const verdict = value < target ? 'within' : 'OVER'
  console.log(
    `${label.padEnd(34)} ${value.toFixed(1).padStart(8)} ms   baseline (${baselineLabel}) ${baseline
      .toFixed(1)
      .padStart(
        7,
      )} ms   ratio ${(value / baseline).toFixed(2)}×   ${verdict} the ${target} ms target`,
  )
}

function frameLine(label: string, stats: FrameStats, idle: FrameStats) {
  const verdict = stats.over50 === 0 ? 'within' : 'OVER'
  console.log(
    `${label.padEnd(34)} max frame gap ${stats.maxGap.toFixed(1).padStart(6)} ms, frames > 50 ms: ${
      stats.over50
    } of ${stats.frames}, long tasks: ${stats.longTasks} (longest ${stats.longestTask.toFixed(0)} ms)` +
      `   baseline (idle page) max gap ${idle.maxGap.toFixed(1)} ms, > 50 ms: ${idle.over50}` +
      `   ${verdict} the "no frame > 50 ms" target`,
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
  // The API bench's own set-up: in-process API on a fresh PGlite, serving apps/console/dist.
  const bench = await startBenchApi('pglite')
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  })
  try {
    const { data: flow } = await api<{ id: string }>(bench.url, 'POST', '/api/flows', bench.auth, {
      document: FLOW,
    })
    await api(bench.url, 'POST', `/api/flows/${flow.id}/publish`, bench.auth, { note: 'bench' })
    const seconds = await seedSessions(bench.ctx.db, { flowId: flow.id, count: SEEDED })
    const reviewer = { email: 'bench-reviewer@example.test', password: 'bench reviewer 0123456789' }
    await api(bench.url, 'POST', '/api/users', bench.auth, {
      ...reviewer,
      name: 'Bench reviewer',
      role: 'reviewer',
    })

    const context = await browser.newContext({
      baseURL: bench.url,
      viewport: { width: 1440, height: 900 },
    })
    await context.addInitScript(FIRST_ROWS_PROBE)
    const page = await context.newPage()
    const login = await page.request.post('/api/auth/login', { data: reviewer })
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`)

    // Warm-up: the console's assets in the cache, the JIT warm, for both lists.
    await firstPageTime(page, '?q=seed-user-1')
    await firstPageTime(page, '')
    const one: FirstPage[] = []
    const full: FirstPage[] = []
    for (let run = 0; run < RUNS; run++) {
      one.push(await firstPageTime(page, '?q=seed-user-1'))
      full.push(await firstPageTime(page, ''))
    }
    const painted = (runs: FirstPage[]) => median(runs.map((run) => run.painted))
    const answered = median(full.map((run) => run.answered))
    const afterAnswer = median(full.map((run) => run.painted - run.answered))

    // Idle baseline, then the wheel through several pages of the 100,000.
    await firstPageTime(page, '')
    await startRecording(page)
    await page.waitForTimeout(2000)
    const idle = await stopRecording(page)
    await startRecording(page)
    await wheelThrough(page, PAGES_SCROLLED * PAGE_PIXELS)
    const scroll = await stopRecording(page)
    const loaded = (await page.getByTestId('sessions-count').textContent())?.trim()
    const domRows = await page.getByTestId('session-row').count()

    console.log(
      `sessions list, headless Chromium 1440×900, ${SEEDED.toLocaleString('en')} sessions seeded in ${seconds.toFixed(1)} s (PGlite), median of ${RUNS} opens`,
    )
    timeLine('first page of 100,000 rendered', painted(full), painted(one), '1 session')
    console.log(
      `${''.padEnd(34)} of which: sessions API answered at ${answered.toFixed(1)} ms, rows painted ${afterAnswer.toFixed(1)} ms later`,
    )
    frameLine(`wheel through ${PAGES_SCROLLED} pages`, scroll, idle)
    console.log(
      `${''.padEnd(34)} after scrolling: "${loaded}", ${domRows} rows in the DOM (virtualised)`,
    )
  } finally {
    await browser.close()
    await bench.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
