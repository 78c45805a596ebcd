import { Type, type TSchema } from '@sinclair/typebox'

/** Any JSON object: a draft is stored even when it does not (yet) follow the flow schema. */
const FlowDocument = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  description: 'A flow document (see the Flow schema); stored even with validation issues',
})

const Revision = Type.Integer({
  minimum: 1,
  maximum: 2 ** 31 - 1,
  description: 'The revision this change is based on (or send If-Match: "<revision>")',
})

const Name = Type.String({ minLength: 1, maxLength: 200 })

const IssueSchema = Type.Object({
  path: Type.String({ description: 'JSON pointer into the document' }),
  code: Type.String(),
  message: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
})

const Timestamp = Type.String({ format: 'date-time' })

export const FlowListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name (any case)' })),
    archived: Type.Union([Type.Literal('false'), Type.Literal('true'), Type.Literal('all')], {
      default: 'false',
    }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  },
  { additionalProperties: false },
)

export const CreateFlowBody = Type.Object(
  {
    name: Type.Optional(Name),
    template: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'A template id (GET /templates)' }),
    ),
    duplicateOf: Type.Optional(
      Type.String({ format: 'uuid', description: "Copy this flow's draft" }),
    ),
    document: Type.Optional(FlowDocument),
  },
  {
    additionalProperties: false,
    description: 'At most one of template, duplicateOf and document; none makes a blank flow',
  },
)

export const SaveDraftBody = Type.Object(
  { document: FlowDocument, revision: Type.Optional(Revision) },
  { additionalProperties: false },
)

export const PublishBody = Type.Object(
  {
    note: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: '\\S',
      description: 'What changed, and why (not only spaces)',
    }),
    revision: Type.Optional(Revision),
  },
  { additionalProperties: false },
)

export const VersionListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
)

export const ExportQuery = Type.Object(
  {
    target: Type.Union([
      Type.Literal('identomat'),
      Type.Literal('iab'),
      Type.Literal('trustmatic'),
      Type.Literal('sandbox'),
    ]),
    version: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1, description: 'Default: the draft' }),
    ),
  },
  { additionalProperties: false },
)

export const ImportBody = Type.Object(
  {
    from: Type.Union([Type.Literal('identomat'), Type.Literal('veriflow')]),
    payload: Type.Unknown({
      description: 'An Identomat begin body, or a Veriflow flow document',
    }),
    name: Type.Optional(Name),
    dryRun: Type.Optional(
      Type.Boolean({ description: 'Answer the report (200) and create nothing', default: false }),
    ),
  },
  { additionalProperties: false },
)

const FlowStateFields = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  revision: Type.Integer(),
  latestVersion: Type.Union([Type.Integer(), Type.Null()]),
  archived: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}

export const FlowListItemSchema = Type.Object({ ...FlowStateFields, stepCount: Type.Integer() })

export const FlowStateSchema = Type.Object({
  ...FlowStateFields,
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  issues: Type.Array(IssueSchema),
})

export const FlowDetailSchema = Type.Object({
  ...FlowStateFields,
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  draft: FlowDocument,
  issues: Type.Array(IssueSchema),
})

export const VersionMetaSchema = Type.Object({
  flowId: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  note: Type.String(),
  publishedAt: Timestamp,
  publishedBy: Type.String(),
  contentHash: Type.String({ description: 'SHA-256 of the canonical JSON of the document' }),
})

export const VersionSchema = Type.Object({
  ...VersionMetaSchema.properties,
  document: FlowDocument,
})

export const ExportSchema = Type.Object({
  target: Type.String(),
  version: Type.Union([Type.Integer(), Type.Null()]),
  payload: Type.Unknown(),
  issues: Type.Array(IssueSchema),
})

export const ImportReportSchema = Type.Object({
  valid: Type.Boolean(),
  issues: Type.Array(IssueSchema),
  document: Type.Union([FlowDocument, Type.Null()]),
})

export const IssueListSchema = Type.Array(IssueSchema)

/** `{ data: schema }` */
export function envelope(schema: TSchema) {
  return Type.Object({ data: schema })
}

/** `{ data: [schema], nextCursor? }` */
export function pageOf(schema: TSchema) {
  return Type.Object({ data: Type.Array(schema), nextCursor: Type.Optional(Type.String()) })
}
