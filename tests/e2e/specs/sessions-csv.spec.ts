import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { expect, test, uid } from '../fixtures/index.ts'
import { SessionsSeed, seedQueue } from '../fixtures/sessions-seed.ts'
import { SessionsPage } from '../pages/SessionsPage.ts'

let seed: SessionsSeed

test.beforeAll(async () => {
  seed = await SessionsSeed.create()
})

test.afterAll(async () => {
  await seed.dispose()
})

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}

/** The CSV as records keyed by header (the BOM for spreadsheet apps removed). */
function records(text: string): Array<Record<string, string>> {
  expect(text.charCodeAt(0), 'a UTF-8 BOM for spreadsheet apps').toBe(0xfeff)
  const [header, ...rows] = parseCsv(text.slice(1))
  return rows.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i] ?? ''])))
}

/** Clicks "Export CSV" and reads the file the browser downloaded. */
async function download(page: Page): Promise<{ name: string; text: string }> {
  const started = page.waitForEvent('download')
  await page.getByTestId('sessions-export-csv').click()
  const file = await started
  const path = await file.path()
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') }
}

test.describe('sessions CSV export', () => {
  test('the download holds exactly the rows the filtered list shows', async ({
    page,
    api,
    loginAs,
  }) => {
    const tag = uid()
    const reviewers = [
      await api.createUser('reviewer', `Rita ${tag}`),
      await api.createUser('reviewer', `Ravi ${tag}`),
    ]
    const q = await seedQueue(seed, reviewers, tag)
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto(`?flowId=${q.flowId}&status=completed`)
    const shown = await sessions.renderedIds()
    expect(shown).toHaveLength(4)

    const href = await sessions.exportCsv.getAttribute('href')
    const url = new URL(href!, page.url())
    expect(url.pathname).toBe('/api/sessions.csv')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      flowId: q.flowId,
      status: 'completed',
    })

    const { name, text } = await download(page)
    expect(name).toMatch(/^sessions-\d{4}-\d{2}-\d{2}\.csv$/)
    const rows = records(text)
    expect(rows.map((row) => row.session_id)).toEqual(shown)
    const { a, c, d } = q.sessions
    const byId = Object.fromEntries(rows.map((row) => [row.session_id, row]))
    expect(byId[a.sessionId]).toMatchObject({
      external_user_id: `sl-${tag}-a`,
      flow_id: q.flowId,
      flow_name: q.flowName,
      flow_version: '1',
      target: 'sandbox',
      test: 'false',
      status: 'completed',
      outcome: 'review_needed',
      decision: '',
      decided_by: '',
    })
    expect(byId[c.sessionId]).toMatchObject({ decision: 'approved' })
    expect(byId[d.sessionId]).toMatchObject({
      decision: 'rejected',
      decision_reason: 'Seeded by e2e',
    })
    // The list's reviewer column and the export name the same person.
    await expect(sessions.row(d.sessionId).getByTestId('session-reviewer')).toHaveText(
      byId[d.sessionId]!.decided_by!,
    )
  })

  test('a date range and a decision go into the export; no match gives only the header', async ({
    page,
    api,
    loginAs,
  }) => {
    const tag = uid()
    const reviewers = [
      await api.createUser('reviewer', `Rita ${tag}`),
      await api.createUser('reviewer', `Ravi ${tag}`),
    ]
    const q = await seedQueue(seed, reviewers, tag)
    await loginAs('reviewer')
    const sessions = new SessionsPage(page)
    await sessions.goto(`?flowId=${q.flowId}&decision=rejected&period=today`)
    await sessions.expectRows([q.sessions.d.sessionId])

    const href = await sessions.exportCsv.getAttribute('href')
    const params = new URL(href!, page.url()).searchParams
    expect(params.get('period')).toBeNull()
    expect(Date.parse(params.get('from')!)).toBeLessThanOrEqual(Date.now())
    expect(Date.parse(params.get('to')!)).toBeGreaterThan(Date.now())
    expect(records((await download(page)).text).map((row) => row.session_id)).toEqual([
      q.sessions.d.sessionId,
    ])

    // The same link fetched with the page's own cookie (a plain GET: no CSRF token needed).
    const response = await page.request.get(href!)
    expect(response.headers()['content-type']).toContain('text/csv')
    expect(records(await response.text()).map((row) => row.external_user_id)).toEqual([
      `sl-${tag}-d`,
    ])

    await sessions.searchFor(`nobody-${tag}`)
    const empty = records((await download(page)).text)
    expect(empty).toEqual([])
  })

  test('a designer gets no export', async ({ page, loginAs }) => {
    await loginAs('designer')
    const response = await page.request.get('/api/sessions.csv')
    expect(response.status()).toBe(403)
  })
})
