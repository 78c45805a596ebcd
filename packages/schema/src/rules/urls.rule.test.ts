import { describe, expect, it } from 'vitest'
import { urlProblem } from './urls.rule.ts'
import {
  expectClean,
  expectIssue,
  expectIssues,
  expectNoIssue,
  flow,
} from '../test-support/flows.ts'

const withSettings = (settings: Record<string, unknown>) => flow(undefined, { settings })
const withIab = (iab: Record<string, unknown>) =>
  flow(undefined, { targets: { iab: { enabled: true, ...iab } } })

describe('URL_INVALID', () => {
  it('accepts https URLs in every URL field', () => {
    expectClean(
      withSettings({
        returnUrl: 'https://example.com/done?x=1',
        switchDeviceUrl: 'https://example.com/phone',
      }),
    )
    expectClean(
      withIab({
        successRedirectionUrl: 'https://example.com/ok',
        failureRedirectionUrl: 'https://example.com/ko',
      }),
    )
  })

  it.each([
    ['javascript:alert(1)', 'javascript:'],
    ['/relative/path', 'not an absolute URL'],
    ['example.com/done', 'not an absolute URL'],
    ['ftp://example.com/file', 'ftp:'],
    ['https://user:secret@example.com/', 'credentials'],
    ['https://user@example.com/', 'credentials'],
    ['data:text/html,hi', 'data:'],
  ])('reports returnUrl %j', (url, why) => {
    const [issue] = expectIssues(withSettings({ returnUrl: url }), 'URL_INVALID', [
      { path: '/settings/returnUrl', severity: 'error' },
    ])
    expect(issue!.message).toContain(why)
    expectNoIssue(withSettings({ returnUrl: url }), 'URL_INSECURE')
  })

  it('checks switchDeviceUrl and both IAB redirection URLs', () => {
    expectIssue(
      withSettings({ switchDeviceUrl: 'javascript:void 0' }),
      'URL_INVALID',
      '/settings/switchDeviceUrl',
    )
    expectIssues(
      withIab({ successRedirectionUrl: 'ok', failureRedirectionUrl: 'ftp://x.org' }),
      'URL_INVALID',
      [
        { path: '/targets/iab/successRedirectionUrl', severity: 'error' },
        { path: '/targets/iab/failureRedirectionUrl', severity: 'error' },
      ],
    )
  })

  it('allows an empty switchDeviceUrl (means none)', () => {
    expectClean(withSettings({ switchDeviceUrl: '' }))
  })
})

describe('URL_INSECURE', () => {
  it('warns about plain http to another host', () => {
    const doc = withSettings({ returnUrl: 'http://example.com/done' })
    expectIssue(doc, 'URL_INSECURE', '/settings/returnUrl', 'warning')
    expectNoIssue(doc, 'URL_INVALID')
  })

  it('warns on the IAB redirection URLs too', () => {
    expectIssue(
      withIab({ failureRedirectionUrl: 'http://shop.example/fail' }),
      'URL_INSECURE',
      '/targets/iab/failureRedirectionUrl',
      'warning',
    )
  })

  it.each(['http://localhost:5173/done', 'http://127.0.0.1/done', 'http://[::1]:8080/'])(
    'accepts local %s',
    (url) => {
      expectClean(withSettings({ returnUrl: url }))
    },
  )
})

describe('urlProblem', () => {
  it('returns undefined for an acceptable URL and a reason otherwise', () => {
    expect(urlProblem('https://example.com')).toBeUndefined()
    expect(urlProblem('mailto:a@b.c')).toMatch(/mailto:/)
  })
})
