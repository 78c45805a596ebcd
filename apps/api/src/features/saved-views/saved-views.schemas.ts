import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from '@veriflow/schema'

/** Relative date ranges a view may keep instead of dates; the console turns them into from/to. */
export const VIEW_PERIODS = ['today', '7d', 'this-week', 'this-month', '30d'] as const

/** The sessions-list filter keys a view may keep (see the sessions list query). */
export const VIEW_FILTER_KEYS = [
  'status',
  'outcome',
  'decision',
  'flowId',
  'version',
  'target',
  'test',
  'from',
  'to',
  'q',
  'decidedBy',
] as const

/** A name's bounds once trimmed. */
export const VIEW_NAME_MAX = 80

const FilterValue = Type.String({ maxLength: 200 })

/** A view's filter: sessions-list query keys with string values, plus a relative `period`. */
export const SavedViewQuery = Type.Object(
  {
    ...Object.fromEntries(VIEW_FILTER_KEYS.map((key) => [key, Type.Optional(FilterValue)])),
    period: Type.Optional(
      StringEnum(VIEW_PERIODS, {
        description: 'A date range relative to today (the console resolves it)',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'The sessions-list filter the view opens, as query-string values',
  },
)
export type SavedViewQuery = Record<string, string>

const Name = Type.String({
  minLength: 1,
  maxLength: 200,
  description: `1–${VIEW_NAME_MAX} characters once trimmed; unique per user (case-insensitive)`,
})

export const SavedView = Type.Object({
  id: Type.String({ description: 'A uuid, or `builtin:<slug>` for the views every user has' }),
  name: Type.String(),
  query: Type.Record(Type.String(), Type.String()),
  builtIn: Type.Boolean(),
  createdAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'null for built-in views',
  }),
})
export type SavedView = Static<typeof SavedView>

export const SavedViewList = Type.Object({ data: Type.Array(SavedView) })
export const OneSavedView = Type.Object({ data: SavedView })

export const CreateSavedViewBody = Type.Object(
  { name: Name, query: SavedViewQuery },
  { additionalProperties: false },
)
export type CreateSavedViewBody = { name: string; query: SavedViewQuery }

export const UpdateSavedViewBody = Type.Object(
  { name: Type.Optional(Name), query: Type.Optional(SavedViewQuery) },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateSavedViewBody = { name?: string; query?: SavedViewQuery }
