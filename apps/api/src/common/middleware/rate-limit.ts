import { rateLimit, type Store } from 'express-rate-limit'
import { TooManyRequestsError } from '../errors/app-error.ts'

/** Creates a store for one limiter (each limiter needs its own store instance and prefix). */
export type RateLimitStoreFactory = (prefix: string) => Store | undefined

/**
 * A per-client limiter answering 429 in the error envelope. `storeFor` gives the shared store
 * (Redis or PostgreSQL) when several instances run; undefined means in-process memory.
 */
export function createRateLimiter(
  name: string,
  limitPerWindow: number,
  windowMs: number,
  storeFor: RateLimitStoreFactory,
) {
  const store = storeFor(`rl:${name}:`)
  return rateLimit({
    windowMs,
    limit: limitPerWindow,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(store ? { store } : {}),
    handler: (_req, _res, next) => next(new TooManyRequestsError()),
  })
}
