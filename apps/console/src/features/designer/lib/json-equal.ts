/** Deep equality of JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((item, n) => jsonEqual(item, other[n]))
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left).filter((k) => left[k] !== undefined)
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false
  return keys.every((key) => jsonEqual(left[key], right[key]))
}

/**
 * Positions (in `sequence`) of a longest strictly increasing subsequence, in O(n log n). The
 * diff uses it to find the largest set of steps that kept their relative order: the rest moved.
 */
export function longestIncreasing(sequence: readonly number[]): Set<number> {
  const tails: number[] = []
  const previous: number[] = new Array<number>(sequence.length).fill(-1)
  for (let i = 0; i < sequence.length; i++) {
    const value = sequence[i] as number
    let low = 0
    let high = tails.length
    while (low < high) {
      const mid = (low + high) >> 1
      if ((sequence[tails[mid] as number] as number) < value) low = mid + 1
      else high = mid
    }
    if (low > 0) previous[i] = tails[low - 1] as number
    tails[low] = i
  }
  const keep = new Set<number>()
  let at = tails.length > 0 ? (tails[tails.length - 1] as number) : -1
  while (at >= 0) {
    keep.add(at)
    at = previous[at] as number
  }
  return keep
}
