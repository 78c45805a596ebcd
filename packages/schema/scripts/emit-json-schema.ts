// Writes json/flow.schema.json, the flow schema as plain JSON for editors and pipelines.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { flowJsonSchemaText } from '../src/json-schema.ts'

const target = fileURLToPath(new URL('../json/flow.schema.json', import.meta.url))
writeFileSync(target, flowJsonSchemaText())
console.log(`wrote ${target}`)
