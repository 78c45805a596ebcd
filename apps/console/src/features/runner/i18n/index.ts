import { en, type MessageKey, type Messages } from './en.ts'

export type { MessageKey, Messages }

/** Translates a runner message, filling `{name}` placeholders. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** Catalogues other than English load on first use: the runner page stays small. */
const LOADERS: Record<string, () => Promise<Messages>> = {
  ka: () => import('./ka.ts').then((m) => m.ka),
  id: () => import('./id.ts').then((m) => m.id),
}

/** `pt-BR` → `pt`: catalogues are per base language. */
export function baseLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? tag
}

/** Whether the runner has its own words in `language` (otherwise English is used). */
export function hasCatalogue(language: string): boolean {
  const base = baseLanguage(language)
  return base === 'en' || base in LOADERS
}

/** The catalogue of `language` (empty: English throughout). */
export async function loadMessages(language: string): Promise<Messages> {
  const loader = LOADERS[baseLanguage(language)]
  return loader ? loader() : {}
}

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** A translator over `messages`, falling back to English word by word. */
export function translator(messages: Messages): Translate {
  return (key, params) => fill(messages[key] ?? en[key] ?? key, params)
}

/** A language's own name for itself ("ქართული" for ka), for the language switcher. */
export function languageName(tag: string): string {
  try {
    const names = new Intl.DisplayNames([tag], { type: 'language' })
    const name = names.of(tag)
    if (name && name !== tag) return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1)
  } catch {
    // An unusual tag: show it as it is.
  }
  return tag
}
