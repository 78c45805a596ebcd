import { describe, expect, it } from 'vitest'
import {
  choice,
  expectClean,
  expectIssue,
  expectIssues,
  expectNoIssue,
  flagStep,
  flow,
  option,
  questionnaire,
  text,
} from '../test-support/flows.ts'

const LANGS = { languages: ['en', 'ka'] }

describe('LocalizedText', () => {
  it('accepts plain strings and complete translations everywhere', () => {
    expectClean(
      flow(
        [
          flagStep('s_email', 'email', { title: 'Email' }),
          questionnaire(
            's_q',
            [
              choice('q_1', [], {
                title: { en: 'Employment', ka: 'დასაქმება' },
                options: [
                  option('o_1', { title: { en: 'Employed', ka: 'დასაქმებული' } }),
                  option('o_2', { title: 'Other' }),
                ],
              }),
            ],
            {
              title: { en: 'Funds', ka: 'სახსრები' },
              description: { en: 'd', ka: 'd' },
              successButtonTitle: { en: 'Go', ka: 'წინ' },
            },
          ),
        ],
        LANGS,
      ),
    )
  })
})

describe('LOCALIZED_TEXT_UNKNOWN_LANGUAGE', () => {
  it('reports a translation in a language the flow does not have, at that language', () => {
    const doc = flow(
      [flagStep('s_1', 'email', { title: { en: 'Email', ka: 'ელფოსტა', de: 'E-Mail' } })],
      LANGS,
    )
    const [issue] = expectIssues(doc, 'LOCALIZED_TEXT_UNKNOWN_LANGUAGE', [
      { path: '/steps/0/title/de', severity: 'error' },
    ])
    expect(issue!.message).toContain('"de"')
    expectNoIssue(doc, 'LOCALIZED_TEXT_DEFAULT_MISSING')
    expectNoIssue(doc, 'LOCALIZED_TEXT_TRANSLATION_MISSING')
  })

  it('checks step description, successButtonTitle, question and option titles', () => {
    const doc = flow([
      questionnaire(
        's_q',
        [
          choice('q_1', [], {
            title: { en: 'Q', fr: 'Q' },
            options: [option('o_1', { title: { en: 'A', es: 'A' } })],
          }),
        ],
        {
          description: { en: 'D', it: 'D' },
          successButtonTitle: { en: 'Go', pt: 'Vai' },
        },
      ),
    ])
    expectIssues(doc, 'LOCALIZED_TEXT_UNKNOWN_LANGUAGE', [
      { path: '/steps/0/description/it', severity: 'error' },
      { path: '/steps/0/successButtonTitle/pt', severity: 'error' },
      { path: '/steps/0/questions/0/title/fr', severity: 'error' },
      { path: '/steps/0/questions/0/options/0/title/es', severity: 'error' },
    ])
  })

  it('builds a resolvable pointer for a language key that needs escaping', () => {
    const doc = flow([flagStep('s_1', 'email', { title: { en: 'x', 'a/b': 'y' } })])
    expectIssue(doc, 'LOCALIZED_TEXT_UNKNOWN_LANGUAGE', '/steps/0/title/a~1b')
  })
})

describe('LOCALIZED_TEXT_DEFAULT_MISSING', () => {
  it('reports a translation object without the default (first) language, at the text', () => {
    const doc = flow([questionnaire('s_q', [text('q_1', { title: { ka: 'სახელი' } })])], LANGS)
    const [issue] = expectIssues(doc, 'LOCALIZED_TEXT_DEFAULT_MISSING', [
      { path: '/steps/0/questions/0/title', severity: 'error' },
    ])
    expect(issue!.message).toContain('"en"')
    expectNoIssue(doc, 'LOCALIZED_TEXT_TRANSLATION_MISSING')
  })

  it('follows the order of languages: the first one is the default', () => {
    const doc = flow([flagStep('s_1', 'email', { title: { en: 'Email' } })], {
      languages: ['ka', 'en'],
    })
    expectIssue(doc, 'LOCALIZED_TEXT_DEFAULT_MISSING', '/steps/0/title')
    expectNoIssue(doc, 'LOCALIZED_TEXT_TRANSLATION_MISSING')
  })

  it('does not apply to plain strings', () => {
    expectNoIssue(
      flow([flagStep('s_1', 'email', { title: 'Email' })], LANGS),
      'LOCALIZED_TEXT_DEFAULT_MISSING',
    )
  })
})

describe('LOCALIZED_TEXT_TRANSLATION_MISSING', () => {
  it('warns about a missing non-default translation, naming the languages', () => {
    const doc = flow([flagStep('s_1', 'email', { title: { en: 'Email' } })], {
      languages: ['en', 'ka', 'ru'],
    })
    const [issue] = expectIssues(doc, 'LOCALIZED_TEXT_TRANSLATION_MISSING', [
      { path: '/steps/0/title', severity: 'warning' },
    ])
    expect(issue!.message).toContain('ka')
    expect(issue!.message).toContain('ru')
  })

  it('reports both a missing default and a missing translation', () => {
    const doc = flow([flagStep('s_1', 'email', { title: { ru: 'Почта' } })], {
      languages: ['en', 'ka', 'ru'],
    })
    expectIssue(doc, 'LOCALIZED_TEXT_DEFAULT_MISSING', '/steps/0/title')
    expectIssue(doc, 'LOCALIZED_TEXT_TRANSLATION_MISSING', '/steps/0/title', 'warning')
  })

  it('does not warn when the flow has one language', () => {
    expectClean(flow([flagStep('s_1', 'email', { title: { en: 'Email' } })]))
  })
})
