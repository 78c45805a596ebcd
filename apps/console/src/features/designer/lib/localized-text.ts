import type { LocalizedText } from '@veriflow/schema'

/**
 * The text an input for `language` shows. A plain string is the default language's text (and,
 * for the provider, every language's), so other languages' inputs show it only as a placeholder.
 */
export function translationOf(
  value: LocalizedText | undefined,
  language: string,
  languages: readonly string[],
): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return language === languages[0] ? value : ''
  return value[language] ?? ''
}

/**
 * `value` with `language` set to `text` (an empty text removes that translation). The shape is
 * kept where it can be: a plain string stays a string while the flow has one language; it becomes
 * `{ default: string, [language]: text }` once another language gets its own text. Undefined when
 * nothing is left, so the optional field disappears from the document.
 */
export function withTranslation(
  value: LocalizedText | undefined,
  language: string,
  text: string,
  languages: readonly string[],
): LocalizedText | undefined {
  const defaultLanguage = languages[0] ?? language
  if (value === undefined || typeof value === 'string') {
    if (language === defaultLanguage && (languages.length <= 1 || typeof value === 'string'))
      return text === '' ? undefined : text
    const base: Record<string, string> =
      typeof value === 'string' && value !== '' ? { [defaultLanguage]: value } : {}
    return withTranslation(base, language, text, languages)
  }
  const next: Record<string, string> = { ...value }
  if (text === '') delete next[language]
  else next[language] = text
  return Object.keys(next).length === 0 ? undefined : next
}
