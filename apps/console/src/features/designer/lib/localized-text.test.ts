import { describe, expect, it } from 'vitest'
import { translationOf, withTranslation } from './localized-text.ts'

describe('translationOf', () => {
  it('reads plain strings as the default language', () => {
    expect(translationOf('Hi', 'en', ['en', 'ka'])).toBe('Hi')
    expect(translationOf('Hi', 'ka', ['en', 'ka'])).toBe('')
    expect(translationOf({ en: 'Hi', ka: 'გამარჯობა' }, 'ka', ['en', 'ka'])).toBe('გამარჯობა')
    expect(translationOf(undefined, 'en', ['en'])).toBe('')
  })
})

describe('withTranslation', () => {
  it('keeps a plain string in the default language', () => {
    expect(withTranslation('Hi', 'en', 'Hello', ['en'])).toBe('Hello')
    expect(withTranslation('Hi', 'en', 'Hello', ['en', 'ka'])).toBe('Hello')
    expect(withTranslation(undefined, 'en', 'Hello', ['en'])).toBe('Hello')
  })

  it('becomes an object when another language gets text', () => {
    expect(withTranslation('Hi', 'ka', 'გამარჯობა', ['en', 'ka'])).toEqual({
      en: 'Hi',
      ka: 'გამარჯობა',
    })
    expect(withTranslation(undefined, 'en', 'Hi', ['en', 'ka'])).toEqual({ en: 'Hi' })
  })

  it('removes emptied translations and the whole text when nothing is left', () => {
    expect(withTranslation({ en: 'Hi', ka: 'x' }, 'ka', '', ['en', 'ka'])).toEqual({ en: 'Hi' })
    expect(withTranslation({ en: 'Hi' }, 'en', '', ['en', 'ka'])).toBeUndefined()
    expect(withTranslation('Hi', 'en', '', ['en'])).toBeUndefined()
  })

  it('does not change its input', () => {
    const value = Object.freeze({ en: 'Hi' })
    withTranslation(value, 'ka', 'x', ['en', 'ka'])
    expect(value).toEqual({ en: 'Hi' })
  })
})
