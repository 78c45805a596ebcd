import pino from 'pino'
import { loadConfig } from './common/config/config.ts'
import { startServer } from './server.ts'

/** Starts the API and stops it gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig()
  const logger = pino({ level: config.logLevel })
  const running = await startServer(config, logger)
  logger.info(
    `Veriflow listening on http://localhost:${running.port} (database: ${running.ctx.database.kind})`,
  )
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests')
    running.stop().then(
      () => {
        logger.info('stopped')
        process.exit(0)
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
