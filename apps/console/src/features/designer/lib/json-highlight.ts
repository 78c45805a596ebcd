/** A piece of JSON text with its kind, for syntax highlighting. */
export interface JsonToken {
  kind: 'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'space'
  text: string
}

const TOKEN =
  /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}[\],:])|(\s+)|(.)/gy

/**
 * Splits JSON text into tokens (a tiny tokenizer instead of a highlighting library). Keys are
 * strings followed by a colon; anything unexpected becomes punctuation, so the text always
 * round-trips: `tokens.map(t => t.text).join('') === text`.
 */
export function tokenizeJson(text: string): JsonToken[] {
  const tokens: JsonToken[] = []
  TOKEN.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = TOKEN.exec(text)) !== null) {
    const [, string, colon, number, literal, punctuation, space, other] = match
    if (string !== undefined) {
      tokens.push({ kind: colon ? 'key' : 'string', text: string })
      if (colon) tokens.push({ kind: 'punctuation', text: colon })
    } else if (number !== undefined) tokens.push({ kind: 'number', text: number })
    else if (literal !== undefined) tokens.push({ kind: 'literal', text: literal })
    else if (space !== undefined) tokens.push({ kind: 'space', text: space })
    else tokens.push({ kind: 'punctuation', text: punctuation ?? other ?? '' })
  }
  return tokens
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c] as string)
}

/**
 * Highlighted HTML for JSON text: one `<span class="tok-…">` per token, every character
 * escaped. Rendering one string is far cheaper than thousands of components for a big payload.
 */
export function highlightJson(text: string): string {
  let html = ''
  for (const token of tokenizeJson(text)) {
    const escaped = escapeHtml(token.text)
    html +=
      token.kind === 'space' || token.kind === 'punctuation'
        ? escaped
        : `<span class="tok-${token.kind}">${escaped}</span>`
  }
  return html
}
