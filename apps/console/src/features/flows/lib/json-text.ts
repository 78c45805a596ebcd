/** The outcome of reading pasted or uploaded text as JSON. */
export type ParsedJson =
  | { ok: true; value: unknown }
  | { ok: false; empty: true }
  | { ok: false; empty: false; message: string; line?: number; column?: number }

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return { line, column }
}

/** Parses JSON and, on failure, says where (browsers report "… at position 42"). */
export function parseJsonText(text: string): ParsedJson {
  if (text.trim() === '') return { ok: false, empty: true }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(raw)
    // Keep the reason, drop the engine's echo of the text and its own position note.
    const reason = raw
      .replace(/,? ?".*" is not valid JSON/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ at position \d+.*$/s, '')
      .trim()
    const message = reason ? `Not valid JSON: ${reason}` : 'Not valid JSON'
    if (!position) return { ok: false, empty: false, message }
    return { ok: false, empty: false, message, ...lineAndColumn(text, Number(position[1])) }
  }
}

/** The value a JSON pointer ("/steps/0/type") names inside `document`; undefined when absent. */
export function valueAtPointer(document: unknown, pointer: string): unknown {
  if (pointer === '') return document
  let current: unknown = document
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (current === null || typeof current !== 'object') return undefined
    if (!Object.prototype.hasOwnProperty.call(current, token)) return undefined
    current = (current as Record<string, unknown>)[token]
  }
  return current
}

/** A short one-line preview of a JSON value for the issue list. */
export function previewValue(value: unknown, max = 60): string {
  if (value === undefined) return ''
  const text = JSON.stringify(value) ?? String(value)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
