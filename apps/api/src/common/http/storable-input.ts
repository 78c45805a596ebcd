import { appendPointer } from '@veriflow/schema'
import type { ErrorEntry } from '../errors/app-error.ts'

/** Deeper than any flow document can be; deeper values are refused before they reach JSON code. */
export const MAX_DEPTH = 64

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** PostgreSQL text and jsonb cannot hold U+0000 or an unpaired surrogate (the insert fails). */
function unstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text)
}

/**
 * The first reason a JSON value cannot be stored as it is, with the JSON pointer of the
 * offending string or key (under `base`), or undefined when it can. Iterative: a hostile body
 * nested a million levels deep must not overflow the stack.
 */
export function unstorableEntry(value: unknown, base: string): ErrorEntry | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: base, depth: 0 },
  ]
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!
    if (typeof node === 'string') {
      if (unstorableText(node))
        return {
          code: 'UNSUPPORTED_CHARACTER',
          message: 'text may not contain U+0000 or an unpaired surrogate',
          path,
        }
      continue
    }
    if (node === null || typeof node !== 'object') continue
    if (depth >= MAX_DEPTH)
      return { code: 'TOO_DEEP', message: `values may be nested at most ${MAX_DEPTH} deep`, path }
    const entries = Array.isArray(node) ? node.entries() : Object.entries(node)
    for (const [key, child] of entries) {
      const childPath = appendPointer(path, key)
      if (typeof key === 'string' && unstorableText(key))
        return {
          code: 'UNSUPPORTED_CHARACTER',
          message: 'keys may not contain U+0000 or an unpaired surrogate',
          path: childPath,
        }
      stack.push({ value: child, path: childPath, depth: depth + 1 })
    }
  }
  return undefined
}
