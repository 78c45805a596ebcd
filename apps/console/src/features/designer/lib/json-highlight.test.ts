import { describe, expect, it } from 'vitest'
import { highlightJson, tokenizeJson } from './json-highlight.ts'

describe('tokenizeJson', () => {
  it('tells keys from string values, numbers and literals', () => {
    const text = JSON.stringify({ a: 'x', n: -1.5e3, ok: true, none: null, list: [1] }, null, 2)
    const kinds = tokenizeJson(text)
      .filter((t) => t.kind !== 'space' && t.kind !== 'punctuation')
      .map((t) => `${t.kind}:${t.text}`)
    expect(kinds).toEqual([
      'key:"a"',
      'string:"x"',
      'key:"n"',
      'number:-1500',
      'key:"ok"',
      'literal:true',
      'key:"none"',
      'literal:null',
      'key:"list"',
      'number:1',
    ])
  })

  it('round-trips any text, escapes included', () => {
    const text = '{"a\\"b": "c\\\\", "d" :[ ] } ~'
    expect(
      tokenizeJson(text)
        .map((t) => t.text)
        .join(''),
    ).toBe(text)
  })
})

describe('highlightJson', () => {
  it('escapes HTML inside strings', () => {
    const html = highlightJson(JSON.stringify({ k: '<script>&' }))
    expect(html).toBe(
      '{<span class="tok-key">&quot;k&quot;</span>:<span class="tok-string">&quot;&lt;script&gt;&amp;&quot;</span>}',
    )
  })
})
