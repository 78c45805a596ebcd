/** Escapes one reference token of a JSON pointer (RFC 6901 §4). */
function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1')
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~')
}

/** Builds a JSON pointer from reference tokens: `pointer('steps', 2, 'key')` → `/steps/2/key`. */
export function pointer(...tokens: Array<string | number>): string {
  let out = ''
  for (const token of tokens) out += '/' + escapeToken(token)
  return out
}

/** Appends tokens to an existing pointer. */
export function appendPointer(base: string, ...tokens: Array<string | number>): string {
  return base + pointer(...tokens)
}

/** Splits a JSON pointer into its unescaped reference tokens. */
export function parsePointer(path: string): string[] {
  if (path === '') return []
  return path.slice(1).split('/').map(unescapeToken)
}

/** True when `path` names an existing location in `doc`. */
export function pointerResolves(doc: unknown, path: string): boolean {
  let node: unknown = doc
  for (const token of parsePointer(path)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length) return false
      node = node[Number(token)]
    } else if (node !== null && typeof node === 'object') {
      if (!Object.prototype.hasOwnProperty.call(node, token)) return false
      node = (node as Record<string, unknown>)[token]
    } else {
      return false
    }
  }
  return true
}

/** Returns the value at `path`, or undefined when it does not resolve. */
export function getAtPointer(doc: unknown, path: string): unknown {
  let node: unknown = doc
  for (const token of parsePointer(path)) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[token]
  }
  return node
}
