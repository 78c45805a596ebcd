import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import pino, { type Logger } from 'pino'
import { createApp } from './app.ts'
import type { Config } from './common/config/config.ts'
import { createContext, type AppContext } from './common/context.ts'
import { openDatabase, type Database } from './common/db/database.ts'
import { migrateToLatest } from './common/db/migrate.ts'
import { bootstrap } from './features/auth/bootstrap.ts'
import { startJobs, type RunningJobs } from './jobs/index.ts'

export interface RunningServer {
  server: Server
  ctx: AppContext
  /** The port actually bound (useful with PORT=0). */
  port: number
  /** This instance's periodic jobs (undefined with JOBS=off). */
  jobs: RunningJobs | undefined
  /** Stops accepting, lets in-flight requests finish (at most `graceMs`), then closes the DB. */
  stop(graceMs?: number): Promise<void>
}

/** Opens the database, migrates, bootstraps the first admin and listens. */
export async function startServer(
  config: Config,
  logger: Logger = pino({ level: config.logLevel }),
): Promise<RunningServer> {
  const database: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: `${config.dataDir}/pglite`,
  })
  const applied = await migrateToLatest(database.db)
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated')
  const ctx = await createContext(config, database, { logger })
  await bootstrap(ctx)
  const server = createServer(createApp(ctx))
  server.listen(config.port, config.host)
  await once(server, 'listening')
  // Webhook delivery, session expiry, result polling (JOBS=off for tools).
  const jobs: RunningJobs | undefined = config.jobs ? await startJobs(ctx) : undefined
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port

  let stopping: Promise<void> | undefined
  const stop = (graceMs = 10_000) =>
    (stopping ??= (async () => {
      const closed = once(server, 'close')
      server.close()
      // Keep-alive connections turn idle once their last response is sent: close them as they do.
      const sweep = setInterval(() => server.closeIdleConnections(), 50)
      const force = setTimeout(() => server.closeAllConnections(), graceMs)
      server.closeIdleConnections()
      await closed
      clearInterval(sweep)
      clearTimeout(force)
      await jobs?.stop()
      await ctx.close()
      await database.close()
    })())
  return { server, ctx, port, jobs, stop }
}
