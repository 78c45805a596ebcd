// The flow document
export * from './common.schema.ts'
export * from './flow.schema.ts'
export * from './questionnaire.schema.ts'
export * from './settings.schema.ts'
export * from './step-flags.schema.ts'
export * from './step.schema.ts'
export * from './targets.schema.ts'
export * from './step-catalogue.ts'

// Checking it
export * from './issue.ts'
export * from './json-pointer.ts'
export { validateFlowSchema } from './flow-schema-validator.ts'
export { schemaIssues } from './schema-issues.ts'
export { validateFlow } from './validate.ts'
export { urlProblem } from './rules/urls.rule.ts'
export { isCountryCode } from './countries.ts'

// Conditions and answers
export * from './conditions/evaluate.ts'
export * from './conditions/answers.ts'
export * from './conditions/explain.ts'
export { localize } from './localized-text.ts'
export { createId } from './ids.ts'

// Targets
export * from './targets/types.ts'
export { compile, type TargetPayloads } from './targets/compile.ts'
export { compileForIdentomat } from './targets/identomat/compile.ts'
export {
  importFromIdentomat,
  type ImportResult,
  type ImportOptions,
} from './targets/identomat/import.ts'
export type {
  IdentomatBeginBody,
  IdentomatStep,
  IdentomatQuestion,
} from './targets/identomat/begin-body.ts'
export { compileForIab } from './targets/iab/compile.ts'
export * from './targets/iab/initiate-flow.ts'
export {
  compileForTrustmatic,
  INITIALIZE_PATH,
  type TrustmaticEnrolment,
  type TrustmaticInitializeBody,
} from './targets/trustmatic/compile.ts'
export { compileForSandbox } from './targets/sandbox/compile.ts'
