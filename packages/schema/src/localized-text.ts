import type { LocalizedText } from './common.schema.ts'

/**
 * The text of `value` in `language`, falling back to the flow's default language and then to any
 * translation. Plain strings are the same in every language.
 */
export function localize(
  value: LocalizedText | undefined,
  language: string,
  defaultLanguage?: string,
): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  return (
    value[language] ??
    (defaultLanguage !== undefined ? value[defaultLanguage] : undefined) ??
    Object.values(value)[0] ??
    ''
  )
}
