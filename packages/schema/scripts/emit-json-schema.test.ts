import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { flowJsonSchemaText } from '../src/json-schema.ts'

const emitted = readFileSync(new URL('../json/flow.schema.json', import.meta.url), 'utf8')

describe('json/flow.schema.json', () => {
  it('is up to date with the TypeBox schema (run `pnpm --filter @veriflow/schema build`)', () => {
    expect(emitted).toBe(flowJsonSchemaText())
  })

  it('is a draft 2020-12 schema that a plain Ajv compiles and that accepts an example flow', () => {
    const schema = JSON.parse(emitted)
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    const validate = new Ajv2020({ discriminator: true, strict: false }).compile(schema)
    const example = JSON.parse(
      readFileSync(
        new URL('../../../examples/flows/marketplace-seller.json', import.meta.url),
        'utf8',
      ),
    )
    expect(validate(example)).toBe(true)
    expect(validate({ ...example, steps: [{ id: 'x', type: 'nope', key: 'k' }] })).toBe(false)
  })
})

describe('src/generated/validate-flow-schema.js', () => {
  it('is up to date with the schema (run `pnpm --filter @veriflow/schema build`)', async () => {
    const { flowValidatorSource } = await import('../src/validator-source.ts')
    const generated = readFileSync(
      new URL('../src/generated/validate-flow-schema.js', import.meta.url),
      'utf8',
    )
    expect(generated).toBe(flowValidatorSource())
  })

  it('is plain ESM that needs no module at run time', () => {
    const generated = readFileSync(
      new URL('../src/generated/validate-flow-schema.js', import.meta.url),
      'utf8',
    )
    expect(generated).not.toMatch(/\brequire\(|^import /m)
  })
})
