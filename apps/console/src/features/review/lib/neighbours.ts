import type { SessionFilter, SessionListItem, SessionPage } from '../review.api.ts'

/** One page of the list, as `GET /sessions` answers it (newest first). */
export type FetchPage = (
  filter: SessionFilter,
  page: { cursor?: string; limit: number },
) => Promise<SessionPage>

/** Where the current session sits in the list: its creation time and id. */
export interface QueuePosition {
  id: string
  createdAt: string
}

export interface Neighbours {
  /** Newer: above the session in the list. */
  previous: SessionListItem | null
  /** Older: below it. */
  next: SessionListItem | null
}

/** Rows per request, and at most this many requests in a row for one window. */
export const PAGE_SIZE = 50
export const MAX_PAGES = 3
/** How far above the session the search for the previous one looks, window after window. */
const WINDOWS_MS = [1_000, 60_000, 3_600_000, 86_400_000, 30 * 86_400_000, 366 * 86_400_000]
/** Halvings when a window holds more rows than MAX_PAGES pages (2^40 ms is 35 years). */
const MAX_BISECTIONS = 40

/**
 * The list order (created_at desc, id desc) on what the list rows carry: timestamps to the
 * millisecond. Positive when `a` comes after (below) `b`.
 */
function after(a: QueuePosition, b: QueuePosition): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id)
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The later of two `from` bounds / the earlier of two `to` bounds, as ISO strings. */
function bound(own: number, theirs: string | undefined, pick: typeof Math.max): string {
  const other = theirs ? Date.parse(theirs) : Number.NaN
  return iso(Number.isNaN(other) ? own : pick(own, other))
}

async function scan(fetchPage: FetchPage, filter: SessionFilter) {
  const items: SessionListItem[] = []
  let cursor: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(filter, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })
    items.push(...result.items)
    cursor = result.nextCursor
    if (!cursor) return { items, complete: true }
  }
  return { items, complete: false }
}

/** The next (older) session: the list up to the session's millisecond, read from the top. */
async function findNext(fetchPage: FetchPage, filter: SessionFilter, at: QueuePosition) {
  const to = bound(Date.parse(at.createdAt) + 1, filter.to, Math.min)
  const { items } = await scan(fetchPage, { ...filter, to })
  const index = items.findIndex((item) => item.id === at.id)
  if (index >= 0 && index + 1 < items.length) return items[index + 1]!
  // The session may have left the filter (just decided): the first row below its place.
  return items.find((item) => item.id !== at.id && after(item, at)) ?? null
}

/** The row just above `at` among `items` (newest first), or undefined when none is above. */
function justAbove(items: readonly SessionListItem[], at: QueuePosition) {
  const index = items.findIndex((item) => item.id === at.id)
  if (index > 0) return items[index - 1]
  if (index === 0) return undefined
  return items.filter((item) => item.id !== at.id && after(at, item)).at(-1)
}

/**
 * The previous (newer) session. The list runs newest first, so the row just above the session
 * is the last of the rows created after it: windows of growing width above its creation time
 * are read until one holds a newer row (halving a window that holds too many to read).
 */
async function findPrevious(fetchPage: FetchPage, filter: SessionFilter, at: QueuePosition) {
  const start = Date.parse(at.createdAt)
  const above = { ...filter, from: bound(start, filter.from, Math.max) }
  const top = await fetchPage(above, { limit: 1 })
  const newest = top.items[0]
  if (!newest || newest.id === at.id || !after(at, newest)) return null
  const windowed = (width: number) => ({ ...above, to: bound(start + width, filter.to, Math.min) })
  let empty = 0
  for (const width of [...WINDOWS_MS, Number.POSITIVE_INFINITY]) {
    const w = Number.isFinite(width) ? width : Date.parse(newest.createdAt) - start + 1
    const { items, complete } = await scan(fetchPage, windowed(w))
    if (complete) {
      const found = justAbove(items, at)
      if (found) return found
      empty = w
      continue
    }
    return bisect(fetchPage, windowed, at, empty, w)
  }
  return null
}

async function bisect(
  fetchPage: FetchPage,
  windowed: (width: number) => SessionFilter,
  at: QueuePosition,
  empty: number,
  full: number,
) {
  const start = Date.parse(at.createdAt)
  let [low, high] = [empty, full]
  for (let n = 0; n < MAX_BISECTIONS && high - low > 1; n++) {
    const mid = Math.floor((low + high) / 2)
    const { items, complete } = await scan(fetchPage, windowed(mid))
    if (complete) {
      const found = justAbove(items, at)
      if (found) return found
      low = mid
      continue
    }
    // Unread rows are older than the oldest one read: the window can end there.
    const oldest = items.at(-1)
    high = oldest ? Math.min(mid, Date.parse(oldest.createdAt) - start + 1) : mid
  }
  return null
}

/**
 * The sessions above and below `at` in the list of `filter`, with a bounded number of requests
 * (the list may hold 100,000 sessions): never a walk through the whole list.
 */
export async function findNeighbours(
  fetchPage: FetchPage,
  filter: SessionFilter,
  at: QueuePosition,
): Promise<Neighbours> {
  const [previous, next] = await Promise.all([
    findPrevious(fetchPage, filter, at),
    findNext(fetchPage, filter, at),
  ])
  return { previous, next }
}
