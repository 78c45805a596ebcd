/**
 * Undo / redo over immutable snapshots. Each entry is one intent: a drag, a delete with its
 * cleanup, or a burst of typing in one field (consecutive commits with the same `group` less than
 * `burstMs` apart merge into one entry). Selection is not part of the snapshots, so undo never
 * "undoes a click". Snapshots share structure, so hundreds of entries cost little.
 */
export interface History<T> {
  readonly past: readonly T[]
  readonly present: T
  readonly future: readonly T[]
  /** The group of the entry on top of `past` that typing may still extend. */
  readonly group: string | null
  /** When that group was last extended (ms). */
  readonly at: number
}

export interface CommitOptions {
  /** Commits with the same group in a burst merge into one entry (e.g. `field:<id>:key`). */
  group?: string
  /** The clock, in ms. @default Date.now() */
  now?: number
  /** Longest pause inside one burst. @default 1000 */
  burstMs?: number
  /** Most entries kept; the oldest are dropped. @default 200 */
  limit?: number
}

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], group: null, at: 0 }
}

/** The history with `next` as the present: a new entry, or the current burst extended. */
export function commit<T>(history: History<T>, next: T, options: CommitOptions = {}): History<T> {
  if (next === history.present) return history
  const now = options.now ?? Date.now()
  const group = options.group ?? null
  const burst = options.burstMs ?? 1000
  const extends_ =
    group !== null &&
    group === history.group &&
    now - history.at <= burst &&
    history.past.length > 0 &&
    history.future.length === 0
  if (extends_) return { ...history, present: next, at: now }
  const limit = options.limit ?? 200
  const past = [...history.past, history.present]
  return {
    past: past.length > limit ? past.slice(past.length - limit) : past,
    present: next,
    future: [],
    group,
    at: now,
  }
}

/** Ends the current burst: the next commit starts a new entry even in the same group. */
export function seal<T>(history: History<T>): History<T> {
  return history.group === null ? history : { ...history, group: null }
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history
  const previous = history.past[history.past.length - 1] as T
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    group: null,
    at: 0,
  }
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history
  const [next, ...rest] = history.future
  return {
    past: [...history.past, history.present],
    present: next as T,
    future: rest,
    group: null,
    at: 0,
  }
}
