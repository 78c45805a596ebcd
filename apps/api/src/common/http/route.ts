import type { TSchema } from '@sinclair/typebox'
import { schemaIssues } from '@veriflow/schema'
import { ajv } from '@veriflow/schema/ajv'
import type { Request, RequestHandler, Response, Router } from 'express'
import type { ValidateFunction } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { ForbiddenError, UnauthorizedError, ValidationError } from '../errors/app-error.ts'
import type { Permission } from '../auth/permissions.ts'
import { unstorableEntry } from './storable-input.ts'

/** Who may call a route: anyone, any signed-in principal, or holders of one permission. */
export type Access = 'public' | 'authenticated' | Permission

/** Query strings are strings: this instance coerces them to the schema's types. */
const queryAjv = new Ajv2020({
  allErrors: true,
  coerceTypes: true,
  useDefaults: true,
  strict: false,
})
addFormats(queryAjv)

export interface RouteDef {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** Express path under `/api`, e.g. `/flows/:id`. */
  path: string
  access: Access
  summary: string
  tag: string
  /** JSON body schema (validated before the handler runs; errors carry JSON pointers). */
  body?: TSchema
  /** Query schema (coerced and validated). */
  query?: TSchema
  /** Response schemas by status, for the OpenAPI document. */
  responses?: Record<number, { description: string; schema?: TSchema; contentType?: string }>
  /** Extra OpenAPI parameters (headers such as If-Match). */
  headers?: Array<{ name: string; description: string; required?: boolean }>
  /** Middleware run before the access check (e.g. a stricter rate limiter for logins). */
  middleware?: RequestHandler[]
  handler: (req: Request, res: Response) => Promise<void> | void
}

const compiled = new WeakMap<TSchema, ValidateFunction>()

function validatorFor(schema: TSchema, forQuery: boolean): ValidateFunction {
  let validate = compiled.get(schema)
  if (!validate) {
    validate = forQuery ? queryAjv.compile(schema) : ajv.compile(schema)
    compiled.set(schema, validate)
  }
  return validate
}

/** Throws 401 / 403 unless the request's principal may call a route with `access`. */
function authorize(req: Request, access: Access): void {
  if (access === 'public') return
  if (!req.principal) throw new UnauthorizedError()
  if (access !== 'authenticated' && !req.principal.permissions.has(access))
    throw new ForbiddenError(`your role (${req.principal.role}) does not allow ${access}`)
}

/** Validates the body and the query (coerced in place); throws a ValidationError with paths. */
function validate(req: Request, route: RouteDef): void {
  // Express parses the query string on every read of req.query: read it once.
  const given = req.query as Record<string, unknown>
  // PostgreSQL text cannot hold U+0000 or unpaired surrogates, and no input may nest deeper
  // than any flow can: refuse such input here, for every route, with a path.
  const unstorable =
    unstorableEntry(given, '/query') ??
    unstorableEntry(req.params, '/params') ??
    unstorableEntry(req.body, '')
  if (unstorable) throw new ValidationError([unstorable])
  if (route.body) {
    const check = validatorFor(route.body, false)
    if (!check(req.body))
      throw new ValidationError(
        schemaIssues(check.errors).map(({ severity: _s, ...entry }) => entry),
      )
  }
  if (route.query) {
    const query = { ...given }
    const check = validatorFor(route.query, true)
    if (!check(query))
      throw new ValidationError(
        schemaIssues(check.errors).map(({ severity: _s, ...entry }) => ({
          ...entry,
          path: `/query${entry.path}`,
        })),
      )
    Object.defineProperty(req, 'query', { value: query, writable: true })
  }
}

/**
 * Mounts route definitions on a router: the route's own middleware, then one handler that checks
 * access, validates the input and runs the route (one layer rather than three: every request
 * passes through it).
 */
export function mountRoutes(router: Router, routes: readonly RouteDef[]): void {
  for (const route of routes) {
    router[route.method](route.path, ...(route.middleware ?? []), async (req, res) => {
      authorize(req, route.access)
      validate(req, route)
      await route.handler(req, res)
    })
  }
}

/** The principal of a route that is not public (authorize has run). */
export function principalOf(req: Request) {
  if (!req.principal) throw new UnauthorizedError()
  return req.principal
}
