import { Type, type Static } from '@sinclair/typebox'
import { StringEnum, TARGET_NAMES } from '@veriflow/schema'

export const SESSION_STATUSES = [
  'created',
  'started',
  'submitted',
  'processing',
  'completed',
  'expired',
  'abandoned',
  'error',
] as const
export const SESSION_OUTCOMES = ['passed', 'failed', 'review_needed'] as const
export const DECISIONS = ['approved', 'rejected', 'resubmission_requested'] as const
export type Decision = (typeof DECISIONS)[number]

/** The filter shared by the list and the CSV export. */
const filterFields = {
  status: Type.Optional(StringEnum(SESSION_STATUSES)),
  outcome: Type.Optional(StringEnum(SESSION_OUTCOMES)),
  decision: Type.Optional(
    StringEnum([...DECISIONS, 'none', 'pending'], {
      description:
        'none: not decided and nothing pending; pending: awaiting a four-eyes confirmation',
    }),
  ),
  flowId: Type.Optional(Type.String({ format: 'uuid' })),
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 })),
  target: Type.Optional(StringEnum(TARGET_NAMES)),
  test: Type.Optional(
    Type.Boolean({ description: 'true: test sessions (drafts) only; false: none' }),
  ),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'created at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'created before' })),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'An external user id (exact), or a session id' }),
  ),
  decidedBy: Type.Optional(
    Type.String({
      format: 'uuid',
      description:
        'The user who decided the session, or who proposed its pending four-eyes decision',
    }),
  ),
}

export const ListSessionsQuery = Type.Object(
  {
    ...filterFields,
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
)
export type ListSessionsQuery = Static<typeof ListSessionsQuery>

export const SessionsCsvQuery = Type.Object(filterFields, { additionalProperties: false })
export type SessionsCsvQuery = Static<typeof SessionsCsvQuery>

export type SessionFilter = Omit<ListSessionsQuery, 'cursor' | 'limit'>

const DateTime = Type.String({ format: 'date-time' })
const NullableDateTime = Type.Union([DateTime, Type.Null()])
const NullableString = Type.Union([Type.String(), Type.Null()])

export const SessionListItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: DateTime,
  externalUserId: Type.String(),
  flow: Type.Object({
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    version: Type.Union([Type.Integer(), Type.Null()], { description: 'null: a draft (test)' }),
  }),
  target: StringEnum(TARGET_NAMES),
  isTest: Type.Boolean(),
  status: StringEnum(SESSION_STATUSES),
  outcome: Type.Union([StringEnum(SESSION_OUTCOMES), Type.Null()]),
  decision: Type.Union([StringEnum(DECISIONS), Type.Null()]),
  decisionPending: Type.Boolean(),
  decidedBy: NullableString,
  decidedAt: NullableDateTime,
  completedAt: NullableDateTime,
  expiresAt: DateTime,
})
export type SessionListItem = Static<typeof SessionListItem>

export const SessionList = Type.Object({
  data: Type.Array(SessionListItem),
  nextCursor: Type.Optional(Type.String()),
})

/** A user who decided (or proposed a pending decision on) at least one session. */
export const SessionReviewer = Type.Object({
  id: Type.String({ format: 'uuid' }),
  label: Type.String({ description: 'What the sessions list shows as the reviewer (the email)' }),
  name: Type.String(),
})
export type SessionReviewer = Static<typeof SessionReviewer>

export const SessionReviewerList = Type.Object({ data: Type.Array(SessionReviewer) })

export const SessionDetailQuery = Type.Object(
  { lang: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })) },
  { additionalProperties: false },
)
export type SessionDetailQuery = Static<typeof SessionDetailQuery>

export const DecisionBody = Type.Object(
  {
    decision: StringEnum(DECISIONS),
    reason: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Required to reject or request resubmission' }),
    ),
    override: Type.Optional(
      Type.Boolean({ description: 'Replace an existing decision (admins only)' }),
    ),
  },
  { additionalProperties: false },
)
export type DecisionBody = Static<typeof DecisionBody>

export const OperatorAnswersBody = Type.Object(
  {
    answers: Type.Object(
      {},
      {
        additionalProperties: Type.Object({}, { additionalProperties: true }),
        maxProperties: 200,
        description: 'Per operator-questionnaire step id: answers keyed by question id',
      },
    ),
  },
  { additionalProperties: false },
)
export type OperatorAnswersBody = Static<typeof OperatorAnswersBody>

export const PendingDecision = Type.Object({
  decision: StringEnum(DECISIONS),
  reason: NullableString,
  override: Type.Boolean(),
  proposedBy: Type.Object({ userId: NullableString, label: Type.String() }),
  proposedAt: DateTime,
})
export type PendingDecision = Static<typeof PendingDecision>

export const DecisionState = Type.Object({
  sessionId: Type.String({ format: 'uuid' }),
  decision: Type.Union([StringEnum(DECISIONS), Type.Null()]),
  reason: NullableString,
  decidedBy: NullableString,
  decidedAt: NullableDateTime,
  pendingDecision: Type.Union([PendingDecision, Type.Null()]),
})
export type DecisionState = Static<typeof DecisionState>
