// pnpm bench → flows API (issue 3): reading a published version, reading a draft and saving a
// draft, each as a ratio against a bare Express route answering the same bytes in the same run,
// on PGlite and on PostgreSQL. Targets on PostgreSQL: version read ≥ 0.5, draft read ≥ 0.25.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  BareServer,
  api,
  onEachDatabase,
  ratioToBare,
  report,
  startBenchApi,
} from './bench-support.ts'

const document = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../examples/flows/marketplace-seller.json', import.meta.url)),
    'utf8',
  ),
) as Record<string, unknown>

await onEachDatabase(async (kind) => {
  const bench = await startBenchApi(kind)
  const bare = await new BareServer().start()
  try {
    const { data: flow } = await api<{ id: string }>(bench.url, 'POST', '/api/flows', bench.auth, {
      document,
    })
    await api(bench.url, 'POST', `/api/flows/${flow.id}/publish`, bench.auth, { note: 'bench' })
    const postgres = kind === 'postgres'
    console.log(
      `flow: ${JSON.stringify(document).length.toLocaleString('en')} bytes of JSON (examples/flows/marketplace-seller.json)`,
    )

    report(
      'version read',
      kind,
      await ratioToBare(bare, 'version', {
        method: 'GET',
        url: `${bench.url}/api/flows/${flow.id}/versions/1`,
        headers: bench.auth,
      }),
      postgres ? 0.5 : undefined,
    )
    report(
      'draft read',
      kind,
      await ratioToBare(bare, 'draft', {
        method: 'GET',
        url: `${bench.url}/api/flows/${flow.id}`,
        headers: bench.auth,
      }),
      postgres ? 0.25 : undefined,
    )
    report(
      'draft save (PATCH)',
      kind,
      await ratioToBare(bare, 'patch', {
        method: 'PATCH',
        url: `${bench.url}/api/flows/${flow.id}`,
        // If-Match: * — every request writes the draft, whatever its revision.
        headers: { ...bench.auth, 'If-Match': '*' },
        body: JSON.stringify({ document: { ...document, name: 'Marketplace seller (bench)' } }),
      }),
    )
  } finally {
    await bare.close()
    await bench.close()
  }
})
