import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { FLOW_VALIDATOR_OPTIONS } from './ajv-options.ts'

/**
 * An Ajv instance for servers (the API compiles its request schemas with it). Not part of the
 * browser bundle: the flow itself is validated by the precompiled validator (validate.ts).
 */
export const ajv = new Ajv2020({ ...FLOW_VALIDATOR_OPTIONS, discriminator: true })
addFormats(ajv)
