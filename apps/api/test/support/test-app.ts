import type { Express } from 'express'
import pino, { type Logger } from 'pino'
import supertest from 'supertest'
import { createApp } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/common/config/config.ts'
import { createContext, type AppContext } from '../../src/common/context.ts'
import type { DatabaseKind } from '../../src/common/db/database.ts'
import { createTestDatabase, type TestDatabase } from './test-database.ts'

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

/** Cheap scrypt for tests (the product default is 2^15). */
export const TEST_PASSWORD_COST = { N: 1024, r: 8, p: 1 }

export interface TestApp {
  app: Express
  ctx: AppContext
  database: TestDatabase
  config: Config
  /** supertest against the app (no network port). */
  request: supertest.Agent
  /** Authorization header of the ADMIN_TOKEN. */
  admin: { Authorization: string }
  close(): Promise<void>
}

export interface TestAppOptions {
  /** Where the app logs (e.g. pino over a capturing stream). @default a silent logger */
  logger?: Logger
}

/** A full API on a clean database of `kind`; `env` overrides the test configuration. */
export async function createTestApp(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind)
  const config = loadConfig({
    NODE_ENV: 'test',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DATA_DIR: '/tmp/veriflow-test/data',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  })
  const ctx = await createContext(config, database, {
    logger: options.logger ?? pino({ level: 'silent' }),
    passwordCost: TEST_PASSWORD_COST,
  })
  const app = createApp(ctx)
  return {
    app,
    ctx,
    database,
    config,
    request: supertest.agent(app),
    admin: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    close: async () => {
      await ctx.close()
      await database.close()
    },
  }
}
