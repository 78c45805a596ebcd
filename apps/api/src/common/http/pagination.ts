import { BadRequestError } from '../errors/app-error.ts'

/** Opaque keyset cursor: base64url JSON of the last row's sort key. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

/** Decodes a cursor made by `encodeCursor`; a tampered one is a 400, never a 500. */
export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (cursor === undefined || cursor === '') return undefined
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    )
      return values
  } catch {
    // fall through
  }
  throw new BadRequestError(
    'INVALID_CURSOR',
    'the cursor is not valid for this list',
    '/query/cursor',
  )
}

/** One page of a list, and the cursor of the next page (absent on the last). */
export interface Page<T> {
  data: T[]
  nextCursor?: string
}

/** Cuts `limit + 1` fetched rows into a page, making the cursor from the last row kept. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => unknown[],
  map: (row: R) => T,
): Page<T> {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return rows.length > limit && last !== undefined
    ? { data: page.map(map), nextCursor: encodeCursor(cursorOf(last)) }
    : { data: page.map(map) }
}
