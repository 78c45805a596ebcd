import type { Options } from 'ajv'

/**
 * Options of the flow validator. `discriminator` makes step errors name the branch the step
 * claims to be; `inlineRefs: false` keeps each step schema a function of its own (see
 * step.schema.ts); every pattern is ASCII, and non-unicode regular expressions are faster.
 */
export const FLOW_VALIDATOR_OPTIONS: Options = {
  allErrors: true,
  strict: true,
  discriminator: true,
  allowUnionTypes: true,
  inlineRefs: false,
  unicodeRegExp: false,
}
