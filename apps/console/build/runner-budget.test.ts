import { describe, expect, it } from 'vitest'
import { describeFootprint, runnerFootprint, type EmittedFile } from './runner-budget.ts'

const file = (
  code: string,
  imports: string[] = [],
  dynamicImports: string[] = [],
  css: string[] = [],
): EmittedFile => ({
  code,
  imports,
  dynamicImports,
  css,
})

describe('runnerFootprint', () => {
  it('counts the entry and its static imports, and reports lazy chunks apart', () => {
    const files = new Map([
      ['runner.js', file('a'.repeat(1000), ['vue.js'], ['ka.js'], ['runner.css'])],
      ['vue.js', file('b'.repeat(1000), ['shared.js'])],
      ['shared.js', file('c'.repeat(10))],
      ['console.js', file('d'.repeat(100000), ['vue.js'])],
      ['ka.js', file('e'.repeat(500))],
    ])
    const footprint = runnerFootprint(files, 'runner.js', () => 'body{}')
    expect(footprint.jsFiles.sort()).toEqual(['runner.js', 'shared.js', 'vue.js'])
    expect(footprint.jsGzip).toBeGreaterThan(0)
    expect(footprint.jsGzip).toBeLessThan(200)
    expect(footprint.lazyGzip).toBeGreaterThan(0)
    expect(footprint.cssGzip).toBeGreaterThan(0)
    expect(describeFootprint(footprint)).toMatch(
      /^runner page: [\d.]+ KB JS gzip \(budget 120\.0 KB\)/,
    )
  })
})
