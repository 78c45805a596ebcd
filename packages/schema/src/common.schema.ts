import { Type, type Static } from '@sinclair/typebox'

/** Stable internal id of a step, question or option. Never changes; conditions refer to it. */
export const Id = Type.String({
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description:
    'Stable internal id (letters, digits, _ and -, at most 64). Never shown to providers.',
})

/** A key providers see (step, question or option key). Product managers may rename it. */
export const Key = Type.String({
  minLength: 1,
  maxLength: 128,
  description: 'The key providers see; unique within its scope.',
})

/** A BCP 47-like language tag such as `en`, `ka` or `pt-BR`. */
export const LanguageTag = Type.String({
  pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
  description: 'Language tag such as "en", "ka" or "pt-BR".',
})

/**
 * Text in one language (a plain string) or per language (`{ "en": "…", "ka": "…" }`). Which
 * keys are allowed (the flow's languages) is the localized-text rule's job, so the schema only
 * asks for string values.
 */
export const LocalizedText = Type.Union(
  [
    Type.String(),
    Type.Unsafe<Record<string, string>>({
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'string' },
    }),
  ],
  { description: "A string, or an object of translations keyed by the flow's languages." },
)
export type LocalizedText = Static<typeof LocalizedText>

/** An absolute http(s) URL (checked by the URL rule for scheme and host). */
export const Url = Type.String({
  minLength: 1,
  maxLength: 2048,
  description: 'Absolute http(s) URL.',
})

/** A string enum emitted as plain `{ type: "string", enum: [...] }` (clearer errors than anyOf). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { default?: T[number]; description?: string; title?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}
