/** Pure list and key helpers shared by the step, question and option edits. */

/**
 * A copy of `list` with the item at `from` moved to `to` (both clamped). Returns `list` itself
 * when nothing moves, so callers can skip a no-op history entry.
 */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const last = list.length - 1
  const target = Math.max(0, Math.min(last, to))
  if (from < 0 || from > last || from === target) return list as T[]
  const next = list.slice()
  const [item] = next.splice(from, 1)
  next.splice(target, 0, item as T)
  return next
}

/** A copy of `list` with `item` inserted at `index` (appended when index is absent or too big). */
export function insertItem<T>(list: readonly T[], item: T, index?: number): T[] {
  const at = index === undefined ? list.length : Math.max(0, Math.min(list.length, index))
  const next = list.slice()
  next.splice(at, 0, item)
  return next
}

/**
 * `base` when it is not taken, otherwise `base_2`, `base_3`, … (or `base<sep>2` with another
 * separator). Keys are what providers see, so they stay readable.
 */
export function uniqueKey(base: string, taken: ReadonlySet<string>, separator = '_'): string {
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}${separator}${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/** The first free `prefix_1`, `prefix_2`, … */
export function numberedKey(prefix: string, taken: ReadonlySet<string>, from = 1): string {
  for (let n = from; ; n++) {
    const candidate = `${prefix}_${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/** The key for a copy of `key`: `key_copy`, then `key_copy_2`, … */
export function copyKey(key: string, taken: ReadonlySet<string>): string {
  return uniqueKey(`${key}_copy`, taken)
}
