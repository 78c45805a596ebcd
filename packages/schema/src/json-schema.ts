import { Flow } from './flow.schema.ts'

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'

/** The flow JSON Schema as plain JSON (what `json/flow.schema.json` holds). */
export function flowJsonSchema(): Record<string, unknown> {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    ...(JSON.parse(JSON.stringify(Flow)) as Record<string, unknown>),
  }
}

/** The emitted file's text: stable, two-space indented, newline-terminated. */
export function flowJsonSchemaText(): string {
  return JSON.stringify(flowJsonSchema(), null, 2) + '\n'
}
