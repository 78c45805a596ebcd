import { describe, expect, it } from 'vitest'
import { lineAndColumn, parseJsonText, previewValue, valueAtPointer } from './json-text.ts'

describe('parseJsonText', () => {
  it('parses JSON', () => {
    expect(parseJsonText('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } })
  })

  it('tells empty input apart from broken input', () => {
    expect(parseJsonText('  \n ')).toEqual({ ok: false, empty: true })
  })

  it('says where broken JSON breaks, as line and column', () => {
    const result = parseJsonText('{\n  "a": 1\n  "b": 2\n}')
    expect(result.ok).toBe(false)
    if (result.ok || result.empty) return
    expect(result.message).toMatch(/^Not valid JSON: /)
    expect(result.message).not.toMatch(/position/)
    expect(result.line).toBe(3)
    expect(result.column).toBe(3)
  })

  it('keeps a reason without echoing the whole text', () => {
    const result = parseJsonText('nope')
    expect(result).toMatchObject({ ok: false, empty: false })
    if (result.ok || result.empty) return
    expect(result.message).not.toContain('is not valid JSON')
  })
})

describe('lineAndColumn', () => {
  it('counts from 1', () => {
    expect(lineAndColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 })
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 })
  })
})

describe('valueAtPointer', () => {
  const doc = { steps: [{ flags: { 'a/b': 1, 'c~d': 2 } }], '': 'empty key' }

  it('resolves pointers, with ~1 and ~0 escapes', () => {
    expect(valueAtPointer(doc, '')).toBe(doc)
    expect(valueAtPointer(doc, '/steps/0/flags/a~1b')).toBe(1)
    expect(valueAtPointer(doc, '/steps/0/flags/c~0d')).toBe(2)
    expect(valueAtPointer(doc, '/')).toBe('empty key')
  })

  it('answers undefined for what is not there (and never walks the prototype)', () => {
    expect(valueAtPointer(doc, '/steps/3')).toBeUndefined()
    expect(valueAtPointer(doc, '/steps/0/flags/a~1b/deeper')).toBeUndefined()
    expect(valueAtPointer(doc, '/constructor')).toBeUndefined()
  })
})

describe('previewValue', () => {
  it('shows short JSON and cuts long JSON', () => {
    expect(previewValue('yes')).toBe('"yes"')
    expect(previewValue(undefined)).toBe('')
    expect(previewValue('x'.repeat(100), 10)).toBe('"xxxxxxxx…')
  })
})
