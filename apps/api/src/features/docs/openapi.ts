import type { TSchema } from '@sinclair/typebox'
import { Flow, STEP_DEFS, stepSchemaId } from '@veriflow/schema'
import type { RouteDef } from '../../common/http/route.ts'

type Json = Record<string, unknown>

const ERROR_ENVELOPE: Json = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', description: 'Stable error code, e.g. VALIDATION_FAILED' },
          message: { type: 'string' },
          path: { type: 'string', description: 'JSON pointer to the field, for validation errors' },
          severity: { type: 'string', enum: ['error', 'warning'] },
        },
      },
    },
  },
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input (issues with JSON-pointer paths)',
  401: 'Not authenticated',
  403: 'Authenticated, but the role does not allow this (or a missing CSRF token)',
  404: 'Not found',
  409: 'Conflict',
  413: 'Body too large',
  415: 'The body is not JSON',
  422: 'The document cannot be used (issues with paths)',
  429: 'Rate limited',
}

/** Step schemas are referenced by `$id`; the document refers to them under components instead. */
function componentName(stepType: string): string {
  return `Step_${stepType.replace(/-/g, '_')}`
}

/** Plain JSON of a TypeBox schema, with step `$ref`s rewritten to components. */
function plain(schema: TSchema | Json): Json {
  const text = JSON.stringify(schema, (key, value: unknown) => {
    if (
      key === '$ref' &&
      typeof value === 'string' &&
      value.startsWith('urn:veriflow:schema:step:')
    )
      return `#/components/schemas/${componentName(value.slice('urn:veriflow:schema:step:'.length))}`
    if (key === '$id' || key === '$defs') return undefined
    return value
  })
  return JSON.parse(text) as Json
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}

function parameters(route: RouteDef): Json[] {
  const out: Json[] = []
  for (const match of route.path.matchAll(/:([A-Za-z0-9_]+)/g))
    out.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } })
  const query = route.query ? plain(route.query) : undefined
  const properties = (query?.properties ?? {}) as Record<string, Json>
  const required = new Set((query?.required ?? []) as string[])
  for (const [name, schema] of Object.entries(properties))
    out.push({
      name,
      in: 'query',
      required: required.has(name) && schema.default === undefined,
      schema,
      ...(schema.description ? { description: schema.description } : {}),
    })
  for (const header of route.headers ?? [])
    out.push({
      name: header.name,
      in: 'header',
      required: header.required ?? false,
      description: header.description,
      schema: { type: 'string' },
    })
  return out
}

function responses(route: RouteDef): Json {
  const out: Json = {}
  for (const [status, response] of Object.entries(
    route.responses ?? { 200: { description: 'OK' } },
  )) {
    const contentType = response.contentType ?? 'application/json'
    out[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { [contentType]: { schema: plain(response.schema) } } }
        : {}),
    }
  }
  const errors = route.access === 'public' ? [400, 404, 429] : [400, 401, 403, 404, 429]
  if (route.body) errors.push(413, 415)
  for (const status of errors) {
    out[status] ??= {
      description: STATUS_TEXT[status],
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
    }
  }
  return out
}

/**
 * The OpenAPI 3.1 document of the API, generated from the same route definitions the app
 * mounts; request bodies and the flow document come from the shared schemas.
 */
export function buildOpenApi(routes: readonly RouteDef[], serverUrl = '/api'): Json {
  const paths: Record<string, Json> = {}
  for (const route of routes) {
    const path = toOpenApiPath(route.path)
    paths[path] ??= {}
    paths[path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(route.access !== 'public' && route.access !== 'authenticated'
        ? { 'x-veriflow-permission': route.access }
        : {}),
      parameters: parameters(route),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: plain(route.body) } },
            },
          }
        : {}),
      responses: responses(route),
    }
  }
  const schemas: Record<string, Json> = { ErrorEnvelope: ERROR_ENVELOPE, Flow: plain(Flow) }
  for (const [type, schema] of Object.entries(STEP_DEFS)) {
    if (stepSchemaId(type) === schema.$id) schemas[componentName(type)] = plain(schema)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Veriflow API',
      version: '0.1.0',
      description:
        'Flows with drafts and immutable versions, launches, sessions and review. Authenticate with `Authorization: Bearer <API key>` or the console\'s session cookie (mutations then need the `X-CSRF-Token` header). Errors are `{ "errors": [ { "code", "message", "path"? } ] }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API key (vfk_…) or the ADMIN_TOKEN',
        },
        cookie: { type: 'apiKey', in: 'cookie', name: 'vf_session' },
      },
      schemas,
    },
    paths,
  }
}
