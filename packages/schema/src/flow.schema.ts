import { Type, type Static } from '@sinclair/typebox'
import { LanguageTag } from './common.schema.ts'
import { Settings } from './settings.schema.ts'
import { Step, STEP_DEFS } from './step.schema.ts'
import { Targets } from './targets.schema.ts'

/** The id under which the flow schema is published (also in the emitted `.json`). */
export const FLOW_SCHEMA_ID = 'urn:veriflow:schema:flow:1'

/** The current version of the flow document format. */
export const FLOW_SCHEMA_VERSION = 1

/** One provider-neutral verification flow: a draft or a published version. */
export const Flow = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Where editors find this schema.' })),
    schemaVersion: Type.Literal(FLOW_SCHEMA_VERSION, {
      description: 'Version of the flow document format.',
    }),
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Name shown in the console.' }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    languages: Type.Array(LanguageTag, {
      minItems: 1,
      uniqueItems: true,
      description:
        'Languages of the flow; the first is the default. Translations may use only these.',
    }),
    settings: Type.Optional(Settings),
    steps: Type.Array(Step, {
      maxItems: 1000,
      description: 'The steps, in the order the user meets them.',
    }),
    targets: Type.Optional(Targets),
  },
  {
    $id: FLOW_SCHEMA_ID,
    $defs: STEP_DEFS,
    title: 'Veriflow flow',
    description: 'A provider-neutral identity-verification flow (Veriflow flow document).',
    additionalProperties: false,
  },
)
export type Flow = Static<typeof Flow>
