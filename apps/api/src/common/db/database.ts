import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { DB } from './tables.ts'

export type DatabaseKind = 'pglite' | 'postgres'

/** A notification listener; returns a function that stops listening. */
export type Unlisten = () => Promise<void>

/** The query layer and what the API needs around it, the same for both back ends. */
export interface Database {
  db: Kysely<DB>
  kind: DatabaseKind
  /** Delivers `NOTIFY channel` payloads to `onMessage`; `onReconnect` after a lost connection. */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<Unlisten>
  notify(channel: string, payload: string): Promise<void>
  close(): Promise<void>
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; absent = PGlite. */
  databaseUrl?: string
  /** PGlite data folder (created if missing); absent = in memory. */
  dataDir?: string
  /** A PGlite instance to use as it is (tests load it from a template). */
  pglite?: PGlite
  /** PostgreSQL schema to use as search_path (tests isolate themselves in one). */
  schema?: string
  /** Pool size for PostgreSQL. @default 10 */
  poolSize?: number
}

function notifyVia(db: Kysely<DB>) {
  return async (channel: string, payload: string) => {
    await sql`select pg_notify(${channel}, ${payload})`.execute(db)
  }
}

async function openPglite(options: DatabaseOptions): Promise<Database> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const client = options.pglite ?? (await PGlite.create(options.dataDir))
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) })
  return {
    db,
    kind: 'pglite',
    listen: async (channel, onMessage) => client.listen(channel, onMessage),
    notify: notifyVia(db),
    close: async () => {
      await db.destroy()
      if (!client.closed) await client.close()
    },
  }
}

function listenOnPostgres(config: pg.ClientConfig) {
  return async (
    channel: string,
    onMessage: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<Unlisten> => {
    let client: pg.Client | undefined
    let stopped = false
    const connect = async (): Promise<void> => {
      const next = new pg.Client(config)
      next.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '')
      })
      next.on('error', () => {
        if (stopped) return
        // The connection dropped: whatever was announced meanwhile is lost, so tell the caller.
        setTimeout(() => void connect().then(onReconnect, () => undefined), 1000).unref()
      })
      await next.connect()
      await next.query(`listen ${pg.escapeIdentifier(channel)}`)
      client = next
    }
    await connect()
    return async () => {
      stopped = true
      await client?.end().catch(() => undefined)
    }
  }
}

async function openPostgres(options: DatabaseOptions & { databaseUrl: string }): Promise<Database> {
  const config: pg.PoolConfig = {
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  }
  const pool = new pg.Pool(config)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  const listeners: Unlisten[] = []
  const listen = listenOnPostgres(config)
  return {
    db,
    kind: 'postgres',
    listen: async (channel, onMessage, onReconnect) => {
      const unlisten = await listen(channel, onMessage, onReconnect)
      listeners.push(unlisten)
      return unlisten
    },
    notify: notifyVia(db),
    close: async () => {
      await Promise.all(listeners.map((unlisten) => unlisten()))
      await db.destroy()
    },
  }
}

/** Opens PostgreSQL when a connection string is given, the embedded PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres({ ...options, databaseUrl: options.databaseUrl })
    : openPglite(options)
}
