import type { Request } from 'express'
import { actorOf, type Actor } from '../auth/principal.ts'
import { NotFoundError } from '../errors/app-error.ts'
import { principalOf } from './route.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The request id given by the request logger (also sent back as `X-Request-Id`). */
export function requestIdOf(req: Request): string | null {
  return req.id === undefined ? null : String(req.id)
}

/** The actor of an authenticated request, for the audit log. */
export function requestActor(req: Request): Actor {
  return actorOf(principalOf(req), requestIdOf(req))
}

/**
 * A path parameter that must be a uuid. Anything else cannot name a row, so it is a 404 (and
 * never reaches the database, where it would be a type error).
 */
export function uuidParam(req: Request, name: string, what: string): string {
  const value = req.params[name]
  if (typeof value !== 'string' || !UUID.test(value)) throw new NotFoundError(what)
  return value.toLowerCase()
}
