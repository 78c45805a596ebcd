// pnpm bench → sessions API (issue 4): `GET /api/sessions` page 1 and page 1,000 at 100,000
// seeded sessions (keyset pagination: a deep page must cost about what the first does), and
// sandbox launch throughput — each as a ratio against a bare Express route answering the same
// bytes in the same run, on PGlite and on PostgreSQL.
import { sql } from 'kysely'
import {
  BareServer,
  api,
  bareTwin,
  measureRounds,
  onEachDatabase,
  ratioOf,
  ratioToBare,
  report,
  startBenchApi,
} from './bench-support.ts'

const SEEDED = 100_000
const PAGE_SIZE = 50
const DEEP_PAGE = 1_000

const FLOW = {
  schemaVersion: 1,
  name: 'Bench',
  languages: ['en'],
  steps: [
    {
      id: 's_q',
      type: 'user-questionnaire',
      key: 'about',
      title: 'About you',
      questions: [
        { id: 'q_name', type: 'string', key: 'name', title: 'Your name', mandatory: true },
      ],
    },
  ],
  targets: { sandbox: { enabled: true } },
}

await onEachDatabase(async (kind) => {
  const bench = await startBenchApi(kind)
  const bare = await new BareServer().start()
  try {
    const { data: flow } = await api<{ id: string }>(bench.url, 'POST', '/api/flows', bench.auth, {
      document: FLOW,
    })
    await api(bench.url, 'POST', `/api/flows/${flow.id}/publish`, bench.auth, { note: 'bench' })

    // One statement seeds them all (distinct creation times, a mix of statuses and outcomes).
    const seeding = performance.now()
    await sql`
      insert into sessions (id, flow_id, flow_version, target, status, outcome, external_user_id,
        expires_at, created_at, completed_at)
      select gen_random_uuid(), ${flow.id}::uuid, 1, 'sandbox',
        case when g % 10 = 0 then 'expired' else 'completed' end,
        case when g % 10 = 0 then null when g % 3 = 0 then 'passed' else 'review_needed' end,
        'seed-user-' || g, now() - g * interval '1 second' + interval '1 day',
        now() - g * interval '1 second', case when g % 10 = 0 then null else now() - g * interval '1 second' end
      from generate_series(1, ${SEEDED}::integer) as g
    `.execute(bench.ctx.db)
    await sql`analyze sessions`.execute(bench.ctx.db)
    console.log(
      `seeded ${SEEDED.toLocaleString('en')} sessions in ${((performance.now() - seeding) / 1000).toFixed(1)} s (one INSERT … SELECT generate_series)`,
    )

    const list = `${bench.url}/api/sessions?limit=${PAGE_SIZE}`
    let cursor: string | undefined
    for (let page = 1; page < DEEP_PAGE; page++) {
      const next = await api(
        bench.url,
        'GET',
        `/api/sessions?limit=${PAGE_SIZE}${cursor ? `&cursor=${cursor}` : ''}`,
        bench.auth,
      )
      cursor = next.nextCursor
      if (!cursor) throw new Error(`the list ended at page ${page}`)
    }
    const page1 = { method: 'GET' as const, url: list, headers: bench.auth }
    const deepPage = {
      method: 'GET' as const,
      url: `${list}&cursor=${cursor}`,
      headers: bench.auth,
    }
    const rates = await measureRounds({
      bare1: await bareTwin(bare, 'sessions-1', page1),
      page1,
      bareDeep: await bareTwin(bare, 'sessions-deep', deepPage),
      deepPage,
    })
    const deep = `sessions page ${DEEP_PAGE.toLocaleString('en')}`
    report('sessions page 1', kind, ratioOf(rates.page1, rates.bare1))
    report(deep, kind, ratioOf(rates.deepPage, rates.bareDeep))
    console.log(
      `${deep} / page 1 (${kind}): ${ratioOf(rates.deepPage, rates.page1).ratio.toFixed(2)}  (keyset: about 1 expected; ${PAGE_SIZE} rows a page, ${SEEDED.toLocaleString('en')} sessions)`,
    )

    report(
      'sandbox launch',
      kind,
      await ratioToBare(bare, 'launch', {
        method: 'POST',
        url: `${bench.url}/api/launches`,
        headers: bench.auth,
        body: JSON.stringify({
          flowId: flow.id,
          target: 'sandbox',
          user: { externalId: 'bench-user' },
        }),
      }),
    )
  } finally {
    await bare.close()
    await bench.close()
  }
})
