import countries from 'i18n-iso-countries/index.js'
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' }

countries.registerLocale(english)

const ALPHA3 = new Set(Object.keys(countries.getAlpha3Codes()))

/** True for an ISO 3166-1 alpha-3 country code (from the maintained i18n-iso-countries list). */
export function isCountryCode(code: string): boolean {
  return ALPHA3.has(code)
}

export interface CountryOption {
  code: string
  name: string
}

/** Every ISO alpha-3 code with its English name, sorted by name (for the designer's picker). */
export function countryOptions(): CountryOption[] {
  return [...ALPHA3]
    .map((code) => ({ code, name: countries.getName(code, 'en') ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
