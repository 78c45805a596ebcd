// Writes src/generated/validate-flow-schema.js: the flow schema compiled once by Ajv into plain
// JavaScript. Browsers then validate without `new Function` (a strict CSP holds) and without
// shipping the Ajv compiler; Node uses the very same code.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { flowValidatorSource } from '../src/validator-source.ts'

const target = fileURLToPath(new URL('../src/generated/validate-flow-schema.js', import.meta.url))
writeFileSync(target, flowValidatorSource())
console.log(`wrote ${target}`)
