import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { id } from './id.ts'
import { ka } from './ka.ts'
import { baseLanguage, fill, hasCatalogue, loadMessages, translator } from './index.ts'

describe('runner i18n', () => {
  it('fills placeholders and keeps unknown ones', () => {
    expect(fill('Step {n} of {total}', { n: 2, total: 5 })).toBe('Step 2 of 5')
    expect(fill('Hello {who}', {})).toBe('Hello {who}')
  })

  it('falls back to English word by word', () => {
    const t = translator({ back: 'უკან' })
    expect(t('back')).toBe('უკან')
    expect(t('continue')).toBe('Continue')
  })

  it('loads catalogues by base language, English for the rest', async () => {
    expect(baseLanguage('pt-BR')).toBe('pt')
    expect(hasCatalogue('ka-GE')).toBe(true)
    expect(hasCatalogue('fr')).toBe(false)
    expect((await loadMessages('ka')).back).toBe('უკან')
    expect(await loadMessages('fr')).toEqual({})
  })

  it('translations keep every placeholder of the English text', () => {
    for (const catalogue of [ka, id]) {
      for (const [key, text] of Object.entries(catalogue)) {
        const expected = (en[key as keyof typeof en].match(/\{\w+\}/g) ?? []).sort()
        expect((text.match(/\{\w+\}/g) ?? []).sort(), key).toEqual(expected)
      }
    }
  })
})
