// Shared by the API benchmarks: an in-process API on PGlite or PostgreSQL (rate limiting off, no
// jobs), an API key, a bare Express route answering given bytes, and autocannon on loopback.
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import autocannon from 'autocannon'
import express from 'express'
import { sql } from 'kysely'
import pg from 'pg'
import pino from 'pino'
import { createApp } from '../src/app.ts'
import { loadConfig } from '../src/common/config/config.ts'
import { createContext, type AppContext } from '../src/common/context.ts'
import { openDatabase, type Database, type DatabaseKind } from '../src/common/db/database.ts'
import { migrateToLatest } from '../src/common/db/migrate.ts'

/** Seconds each autocannon run lasts (BENCH_SECONDS). */
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
/** Concurrent connections of each run (BENCH_CONNECTIONS). */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10)
export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const ADMIN_TOKEN = `bench-admin-${randomBytes(12).toString('hex')}`

export interface BenchApi {
  kind: DatabaseKind
  ctx: AppContext
  url: string
  /** `Authorization` header with an admin user's API key. */
  auth: { Authorization: string }
  close(): Promise<void>
}

/** Why PostgreSQL cannot be used, or undefined when it can. */
export async function postgresProblem(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server = createServer(app)
  // Long set-up steps (seeding) leave client connections idle: keep them usable.
  server.keepAliveTimeout = 120_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
}

/** A fresh database of `kind` (PostgreSQL: a throw-away schema, dropped on close). */
async function benchDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({})
    await migrateToLatest(database.db)
    return database
  }
  // Named like the test schemas, so the test set-up drops it should this run be killed.
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: POSTGRES_URL })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const database = await openDatabase({ databaseUrl: POSTGRES_URL, schema, poolSize: 10 })
  await migrateToLatest(database.db)
  return {
    ...database,
    close: async () => {
      await database.close()
      const dropper = new pg.Client({ connectionString: POSTGRES_URL })
      await dropper.connect()
      await dropper.query(`drop schema ${schema} cascade`)
      await dropper.end()
    },
  }
}

/** JSON request with the bench's headers; throws on a non-2xx answer. */
export async function api<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ data: T; nextCursor?: string; headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json()) as { data: T; nextCursor?: string }
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
  return { ...json, headers: res.headers }
}

/** An admin user and an API key of theirs (created through the API, as a person would). */
async function adminApiKey(url: string): Promise<string> {
  const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` }
  const password = 'bench password 0123456789'
  await api(url, 'POST', '/api/users', admin, {
    email: 'bench@example.test',
    name: 'Bench',
    role: 'admin',
    password,
  })
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.test', password }),
  })
  const { data } = (await login.json()) as { data: { csrfToken: string } }
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
  const key = await api<{ key: string }>(
    url,
    'POST',
    '/api/api-keys',
    { cookie, 'X-CSRF-Token': data.csrfToken },
    { name: 'bench' },
  )
  return key.data.key
}

/** The API on a fresh database of `kind`, listening on loopback, with an admin API key. */
export async function startBenchApi(kind: DatabaseKind): Promise<BenchApi> {
  const database = await benchDatabase(kind)
  const config = loadConfig({
    NODE_ENV: 'production',
    ADMIN_TOKEN,
    DATA_DIR: `/tmp/veriflow-bench-${process.pid}`,
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    JOBS: 'off',
    LOG_LEVEL: 'silent',
    VERIFLOW_SECRET_KEY: randomBytes(32).toString('hex'),
  })
  const ctx = await createContext(config, database, {
    logger: pino({ level: 'silent' }),
    passwordCost: { N: 1024, r: 8, p: 1 },
  })
  const { server, url } = await listen(createApp(ctx))
  const key = await adminApiKey(url)
  return {
    kind,
    ctx,
    url,
    auth: { Authorization: `Bearer ${key}` },
    close: async () => {
      await close(server)
      await ctx.close()
      await database.close()
    },
  }
}

/**
 * A bare Express app: each registered route answers fixed bytes (a POST route parses its JSON
 * body first, as any POST handler does). The baseline each figure is divided by.
 */
export class BareServer {
  private readonly app = express()
  private server: Server | undefined
  url = ''

  constructor() {
    this.app.disable('x-powered-by')
    this.app.set('etag', false)
  }

  /** Serves `body` (as received from the real route) at `path`; returns the full URL. */
  route(
    method: 'get' | 'post' | 'patch',
    path: string,
    status: number,
    contentType: string,
    body: Buffer,
  ): string {
    const send = (_req: express.Request, res: express.Response) => {
      res.status(status).set('content-type', contentType).end(body)
    }
    if (method === 'get') this.app.get(path, send)
    else this.app[method](path, express.json({ limit: '5mb' }), send)
    return this.url + path
  }

  async start(): Promise<this> {
    const { server, url } = await listen(this.app)
    this.server = server
    this.url = url
    return this
  }

  async close(): Promise<void> {
    if (this.server) await close(this.server)
  }
}

/** One request as it will be benchmarked. */
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PATCH'
  url: string
  headers?: Record<string, string>
  body?: string
}

/** Requests per second of `request` over SECONDS with CONNECTIONS; any non-2xx answer fails. */
export async function requestsPerSecond(request: BenchRequest): Promise<number> {
  const result = await autocannon({
    url: request.url,
    method: request.method,
    headers: {
      ...request.headers,
      ...(request.body ? { 'content-type': 'application/json' } : {}),
    },
    body: request.body,
    connections: CONNECTIONS,
    duration: SECONDS,
  })
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${request.method} ${request.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    )
  return result.requests.average
}

/** The real answer of `request` (status, content type, bytes), to serve from the bare route. */
export async function sample(request: BenchRequest) {
  const res = await fetch(request.url, {
    method: request.method,
    headers: {
      ...request.headers,
      ...(request.body ? { 'content-type': 'application/json' } : {}),
    },
    body: request.body,
  })
  const body = Buffer.from(await res.arrayBuffer())
  if (!res.ok) throw new Error(`${request.method} ${request.url}: ${res.status} ${body.toString()}`)
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? 'application/json',
    body,
  }
}

/** Rounds of measurements (BENCH_ROUNDS): figures are medians of per-round ratios. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** A bare route answering what `request` answers now; returns the request for it. */
export async function bareTwin(
  bare: BareServer,
  name: string,
  request: BenchRequest,
): Promise<BenchRequest> {
  const answer = await sample(request)
  const path = `/bare/${name.replace(/[^a-z0-9]+/gi, '-')}`
  const method = request.method.toLowerCase() as 'get' | 'post' | 'patch'
  return {
    ...request,
    url: bare.route(method, path, answer.status, answer.contentType, answer.body),
  }
}

/**
 * Measures every request once per round, in order, for ROUNDS rounds: neighbours in a round ran
 * under the same conditions, so ratios are taken within a round (then the median of rounds).
 */
export async function measureRounds<K extends string>(
  requests: Record<K, BenchRequest>,
): Promise<Record<K, number[]>> {
  const rates = Object.fromEntries(Object.keys(requests).map((k) => [k, [] as number[]])) as Record<
    K,
    number[]
  >
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, request] of Object.entries(requests) as Array<[K, BenchRequest]>)
      rates[name].push(await requestsPerSecond(request))
  return rates
}

export interface Figure {
  ratio: number
  rate: number
  bareRate: number
}

/** The median of per-round `a[i] / b[i]`, with the median rates. */
export function ratioOf(a: number[], b: number[]): Figure {
  return { ratio: median(a.map((rate, i) => rate / b[i]!)), rate: median(a), bareRate: median(b) }
}

/** `request` against a bare route answering the same bytes, alternately, over ROUNDS rounds. */
export async function ratioToBare(
  bare: BareServer,
  name: string,
  request: BenchRequest,
): Promise<Figure> {
  const rates = await measureRounds({ bare: await bareTwin(bare, name, request), real: request })
  return ratioOf(rates.real, rates.bare)
}

/** `version read / bare (postgres): 0.62  (5,812 vs 9,374 req/s)` */
export function report(label: string, kind: DatabaseKind, figures: Figure, target?: number): void {
  const rates = `(${Math.round(figures.rate).toLocaleString('en')} vs ${Math.round(figures.bareRate).toLocaleString('en')} req/s)`
  const goal =
    target === undefined
      ? ''
      : `  target ≥ ${target}: ${figures.ratio >= target ? 'met' : 'NOT met'}`
  console.log(`${label} / bare (${kind}): ${figures.ratio.toFixed(2)}  ${rates}${goal}`)
}

/** Databases to run on (BENCH_DATABASES, comma-separated). @default pglite,postgres */
const DATABASES = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((d) => d.trim())

/** Runs `body` on PGlite, then on PostgreSQL when reachable (a note otherwise). */
export async function onEachDatabase(body: (kind: DatabaseKind) => Promise<void>): Promise<void> {
  console.log(
    `autocannon on loopback: ${SECONDS} s per run, ${CONNECTIONS} connections, median of ${ROUNDS} rounds; rate limiting off (RATE_LIMIT_PER_MINUTE=0); authenticated with an admin API key`,
  )
  if (DATABASES.includes('pglite')) await body('pglite')
  if (!DATABASES.includes('postgres')) return
  const problem = await postgresProblem()
  if (problem) {
    console.log(
      `postgres: skipped — cannot connect to ${POSTGRES_URL.replace(/\/\/[^@]*@/, '//…@')}: ${problem}`,
    )
    return
  }
  await body('postgres')
}

/**
 * Seeds `count` sessions of a published flow version in one INSERT … SELECT generate_series:
 * creation times one second apart (newest first = g ascending), one in ten expired, the rest
 * completed with a mix of outcomes, and some decided (approved / rejected) by `reviewerLabel`.
 * Runs ANALYZE afterwards; returns how long it took in seconds.
 */
export async function seedSessions(
  db: AppContext['db'],
  options: { flowId: string; count: number; version?: number; reviewerLabel?: string },
): Promise<number> {
  const { flowId, count, version = 1, reviewerLabel = 'bench@example.test' } = options
  const started = performance.now()
  await sql`
    insert into sessions (id, flow_id, flow_version, target, status, outcome, external_user_id,
      expires_at, created_at, completed_at, decision, decision_reason, decided_by_label, decided_at)
    select gen_random_uuid(), ${flowId}::uuid, ${version}::integer, 'sandbox',
      case when g % 10 = 0 then 'expired' else 'completed' end,
      case when g % 10 = 0 then null when g % 3 = 0 then 'passed' else 'review_needed' end,
      'seed-user-' || g, now() - g * interval '1 second' + interval '1 day',
      now() - g * interval '1 second',
      case when g % 10 = 0 then null else now() - g * interval '1 second' end,
      case when g % 10 = 0 then null when g % 7 = 0 then 'approved' when g % 11 = 0 then 'rejected' end,
      case when g % 10 <> 0 and g % 7 <> 0 and g % 11 = 0 then 'Seeded: document unreadable' end,
      case when g % 10 <> 0 and (g % 7 = 0 or g % 11 = 0) then ${reviewerLabel} end,
      case when g % 10 <> 0 and (g % 7 = 0 or g % 11 = 0) then now() - g * interval '1 second' end
    from generate_series(1, ${count}::integer) as g
  `.execute(db)
  await sql`analyze sessions`.execute(db)
  return (performance.now() - started) / 1000
}
