import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts'
import { DATABASE_KINDS } from '../../../test/support/test-database.ts'
import { TEMPLATES_DIR } from '../templates/templates.service.ts'
import { createFlow, type Json } from './flows.test-helpers.ts'

const SEED = 3_141_592
const template = JSON.parse(
  readFileSync(`${TEMPLATES_DIR}/marketplace-seller.json`, 'utf8'),
) as Json

/** A real document with one field replaced by a random value, somewhere down its tree. */
function mutated(document: Json): fc.Arbitrary<Json> {
  const paths: string[][] = []
  const walk = (node: unknown, path: string[]) => {
    if (path.length > 0) paths.push(path)
    if (node !== null && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key])
  }
  walk(document, [])
  return fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 })).map(([path, value]) => {
    const copy = structuredClone(document)
    let node = copy as Record<string, unknown>
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>
    node[path.at(-1)!] = value
    return copy
  })
}

const documents = fc.oneof(
  mutated(template),
  fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })),
  fc.dictionary(
    fc.constantFrom('schemaVersion', 'name', 'languages', 'steps', 'targets', 'settings'),
    fc.jsonValue({ maxDepth: 4 }),
  ),
)

function expectNo500(res: { status: number; body: unknown }, what: string): void {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500)
  if (res.status >= 400)
    expect((res.body as { errors: Array<{ code: string }> }).errors[0]!.code, what).toBeTruthy()
}

describe.each(DATABASE_KINDS)('flows fuzz: random documents on a real flow (%s)', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('saves, publishes, exports, imports and validates random documents without a 500', async () => {
    const flow = await createFlow(t, { template: 'marketplace-seller' })
    const samples = fc.sample(documents, { seed: SEED, numRuns: 40 })
    for (const [i, document] of samples.entries()) {
      const what = `sample ${i} ${JSON.stringify(document).slice(0, 120)}`
      const saved = await t.request
        .patch(`/api/flows/${flow.id}`)
        .set(t.admin)
        .set('If-Match', '*')
        .send({ document })
      expectNo500(saved, `PATCH ${what}`)
      const published = await t.request
        .post(`/api/flows/${flow.id}/publish`)
        .set(t.admin)
        .send({ note: `sample ${i}` })
      expectNo500(published, `publish ${what}`)
      for (const target of ['identomat', 'iab', 'trustmatic', 'sandbox'])
        expectNo500(
          await t.request.get(`/api/flows/${flow.id}/export`).query({ target }).set(t.admin),
          `export ${target} ${what}`,
        )
      expectNo500(await t.request.get(`/api/flows/${flow.id}`).set(t.admin), `GET ${what}`)
      expectNo500(
        await t.request.post('/api/flows').set(t.admin).send({ document }),
        `create ${what}`,
      )
      for (const from of ['identomat', 'veriflow'])
        expectNo500(
          await t.request.post('/api/flows/import').set(t.admin).send({ from, payload: document }),
          `import ${from} ${what}`,
        )
      expectNo500(
        await t.request.post('/api/validate').set(t.admin).send({ flow: document }),
        `validate ${what}`,
      )
    }
    const versions = await t.request.get(`/api/flows/${flow.id}/versions`).set(t.admin)
    for (const { version } of versions.body.data as Array<{ version: number }>) {
      expectNo500(
        await t.request.get(`/api/flows/${flow.id}/versions/${version}`).set(t.admin),
        `version ${version}`,
      )
      expectNo500(
        await t.request.post(`/api/flows/${flow.id}/versions/${version}/restore`).set(t.admin),
        `restore ${version}`,
      )
    }
  })
})
