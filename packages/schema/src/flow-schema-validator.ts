import type { ErrorObject } from 'ajv'
import type { Flow } from './flow.schema.ts'
// @ts-expect-error generated JavaScript without declarations (see scripts/generate-validator.ts)
import generated from './generated/validate-flow-schema.js'

/** The precompiled JSON Schema validator of the flow document (structure only; rules come after). */
export interface FlowSchemaValidator {
  (data: unknown): data is Flow
  errors?: ErrorObject[] | null
}

export const validateFlowSchema = generated as FlowSchemaValidator
