import { resolve } from 'node:path'

export type Environment = 'development' | 'production' | 'test'

/** Everything the API reads from its environment, parsed once at start. */
export interface Config {
  env: Environment
  port: number
  host: string
  /** Folder of the embedded database, the key file and media (`DATA_DIR`, default `./data`). */
  dataDir: string
  /** PostgreSQL connection string; absent = embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined
  /** Public base URL of this deployment (links in setup and launch URLs). */
  publicUrl: string | undefined
  adminEmail: string | undefined
  adminPassword: string | undefined
  /** Accepted as an admin bearer token (automation, tests). */
  adminToken: string | undefined
  /** 32-byte key (base64 or hex) for encrypting provider credentials and media at rest. */
  secretKey: string | undefined
  /** Redis for the shared rate-limit store when several instances run. */
  redisUrl: string | undefined
  /** Express `trust proxy` (number of hops, or a list); decides `req.secure` behind TLS proxies. */
  trustProxy: boolean | number | string
  logLevel: string
  /** Requests per minute per client on the API; 0 turns the general limiter off. */
  rateLimitPerMinute: number
  /** Failed logins for one email before it is locked for `loginLockMinutes`. */
  loginMaxFailures: number
  loginLockMinutes: number
  /** Login, set-up and invite attempts per minute per client IP; 0 turns this limiter off. */
  loginRateLimitPerMinute: number
  /** Largest accepted JSON body (flows may be a few MB). */
  bodyLimit: string
  /** Lifetime of a console login. */
  sessionTtlHours: number
  /** Serve the built console from this folder (absent: API only). */
  consoleDir: string | undefined
  /** Run the periodic jobs (webhook delivery, session expiry, result polling); `JOBS=off` for tools. */
  jobs: boolean
  /**
   * Let webhooks target loopback, private, link-local and other non-public addresses
   * (`WEBHOOK_ALLOW_PRIVATE_TARGETS=true`). Off by default: a webhook URL is chosen by an admin
   * but fetched by the server, which must not become a way into the internal network.
   */
  webhookAllowPrivateTargets: boolean
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a non-negative integer`)
  return parsed
}

function trustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined || value === '' || value === 'false') return false
  if (value === 'true') return true
  return /^\d+$/.test(value) ? Number(value) : value
}

/** Reads the configuration from `env` (defaults suit a local start on the embedded database). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv =
    env.NODE_ENV === 'production' || env.NODE_ENV === 'test' ? env.NODE_ENV : 'development'
  return {
    env: nodeEnv,
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    adminToken: env.ADMIN_TOKEN || undefined,
    secretKey: env.VERIFLOW_SECRET_KEY || undefined,
    redisUrl: env.REDIS_URL || undefined,
    trustProxy: trustProxy(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    rateLimitPerMinute: integer(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE'),
    loginMaxFailures: integer(env.LOGIN_MAX_FAILURES, 5, 'LOGIN_MAX_FAILURES'),
    loginLockMinutes: integer(env.LOGIN_LOCK_MINUTES, 15, 'LOGIN_LOCK_MINUTES'),
    loginRateLimitPerMinute: integer(
      env.LOGIN_RATE_LIMIT_PER_MINUTE,
      10,
      'LOGIN_RATE_LIMIT_PER_MINUTE',
    ),
    bodyLimit: env.BODY_LIMIT || '5mb',
    sessionTtlHours: integer(env.SESSION_TTL_HOURS, 12, 'SESSION_TTL_HOURS'),
    consoleDir: env.CONSOLE_DIR || undefined,
    jobs: !['off', 'false', '0'].includes((env.JOBS ?? '').toLowerCase()),
    webhookAllowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true',
  }
}
