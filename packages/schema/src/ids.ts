const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/** A new random id such as `q_k3v9x0ab` for a step (`s`), question (`q`) or option (`o`). */
export function createId(prefix: 's' | 'q' | 'o'): string {
  const bytes = new Uint8Array(8)
  globalThis.crypto.getRandomValues(bytes)
  let id = prefix + '_'
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length]
  return id
}
