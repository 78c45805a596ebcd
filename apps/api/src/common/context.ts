import type { Kysely } from 'kysely'
import pino, { type Logger } from 'pino'
import type { Store } from 'express-rate-limit'
import { RedisStore } from 'rate-limit-redis'
import { createClient } from 'redis'
import { AuthCache } from './auth/auth-cache.ts'
import { AuthEvents } from './auth/auth-events.ts'
import { Authenticator } from './auth/authenticate.ts'
import { CredentialsRepository } from './auth/credentials.repository.ts'
import { DEFAULT_PASSWORD_COST, type PasswordCost } from './auth/passwords.ts'
import {
  providerAdapters,
  type ProviderAdapterDeps,
  type ProviderAdapters,
} from '../providers/index.ts'
import { RunnerTokens } from '../providers/sandbox/runner-token.ts'
import { SandboxAdapter } from '../providers/sandbox/sandbox.adapter.ts'
import type { Config } from './config/config.ts'
import { loadEncryptionKey } from './crypto/encryption-key.ts'
import { SecretBox } from './crypto/secret-box.ts'
import type { Database } from './db/database.ts'
import type { DB } from './db/tables.ts'
import { PostgresRateLimitStore } from './middleware/postgres-rate-limit-store.ts'
import type { RateLimitStoreFactory } from './middleware/rate-limit.ts'

/** What features are built from: configuration, the database and the shared services. */
export interface AppContext {
  config: Config
  database: Database
  db: Kysely<DB>
  logger: Logger
  authCache: AuthCache
  authEvents: AuthEvents
  authenticator: Authenticator
  passwordCost: PasswordCost
  /** Encrypts credentials, webhook secrets and media at rest. */
  secretBox: SecretBox
  rateLimitStore: RateLimitStoreFactory
  /** Signs and checks the sandbox runner's links (key derived from the encryption key). */
  runnerTokens: RunnerTokens
  /**
   * Every launch target's adapter, built once per app: launches, callbacks, the result poller
   * and "test connection" share them, and so one OneKYC partner-token cache (one refresh at a
   * time).
   */
  providers: ProviderAdapters
  /** Releases what the context opened (Redis, listeners); the database is closed by its owner. */
  close(): Promise<void>
}

export interface ContextOptions {
  logger?: Logger
  passwordCost?: PasswordCost
  /** Timeouts, retries and fetch of the provider adapters (tests shorten them). */
  providers?: Omit<ProviderAdapterDeps, 'logger'>
}

/** The purpose string of the runner token key (HKDF info). */
const RUNNER_TOKEN_KEY_PURPOSE = 'veriflow runner tokens v1'

async function rateLimitStores(config: Config, database: Database, logger: Logger) {
  if (config.redisUrl) {
    const client = createClient({ url: config.redisUrl })
    client.on('error', (error: unknown) => logger.error({ err: error }, 'redis error'))
    await client.connect()
    const factory: RateLimitStoreFactory = (prefix) =>
      new RedisStore({
        prefix,
        sendCommand: (...args: string[]) => client.sendCommand(args),
      }) as Store
    return { factory, close: async () => void (await client.quit()) }
  }
  if (database.kind === 'postgres') {
    const stores: PostgresRateLimitStore[] = []
    const timer = setInterval(() => void stores[0]?.prune().catch(() => undefined), 60_000)
    timer.unref()
    const factory: RateLimitStoreFactory = (prefix) => {
      const store = new PostgresRateLimitStore(database.db, prefix)
      stores.push(store)
      return store
    }
    return { factory, close: async () => clearInterval(timer) }
  }
  return { factory: (() => undefined) as RateLimitStoreFactory, close: async () => undefined }
}

/** Builds the shared services around an open database. */
export async function createContext(
  config: Config,
  database: Database,
  options: ContextOptions = {},
): Promise<AppContext> {
  const logger = options.logger ?? pino({ level: config.logLevel })
  const encryptionKey = loadEncryptionKey(config.secretKey, config.dataDir)
  if (encryptionKey.source !== 'env' && database.kind === 'postgres')
    logger.warn(
      `VERIFLOW_SECRET_KEY is not set: using ${encryptionKey.source}; every instance sharing this database needs the same key`,
    )
  const authCache = new AuthCache()
  const authEvents = new AuthEvents(database, authCache, logger)
  const stopListening = await authEvents.start()
  const stores = await rateLimitStores(config, database, logger)
  const authenticator = new Authenticator({
    credentials: new CredentialsRepository(database.db),
    cache: authCache,
    adminToken: config.adminToken,
    logger,
  })
  const secretBox = new SecretBox(encryptionKey.key)
  const runnerTokens = new RunnerTokens(secretBox.deriveKey(RUNNER_TOKEN_KEY_PURPOSE))
  const providers: ProviderAdapters = {
    ...providerAdapters({ ...options.providers, logger }),
    sandbox: new SandboxAdapter({ db: database.db, config, tokens: runnerTokens }),
  }
  return {
    config,
    database,
    db: database.db,
    logger,
    authCache,
    authEvents,
    authenticator,
    passwordCost: options.passwordCost ?? DEFAULT_PASSWORD_COST,
    secretBox,
    rateLimitStore: stores.factory,
    runnerTokens,
    providers,
    close: async () => {
      await stopListening()
      await stores.close()
    },
  }
}
