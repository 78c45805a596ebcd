import { parsePointer, pointer, pointerResolves } from '../../json-pointer.ts'

/**
 * Remembers where each part of an imported flow came from in the input payload, so issues found
 * in the flow can be reported at paths into the input.
 */
export class ImportPathMap {
  private readonly entries = new Map<string, string>([['', '']])

  constructor(private readonly input: unknown) {}

  /** Records that the flow location `flowPath` came from `inputPath`. */
  set(flowPath: string, inputPath: string): void {
    this.entries.set(flowPath, inputPath)
  }

  /**
   * The input path for a flow path: the longest recorded prefix, plus the rest of the path, cut
   * back until it names an existing location in the input.
   */
  toInput(flowPath: string): string {
    const tokens = parsePointer(flowPath)
    for (let length = tokens.length; length >= 0; length--) {
      const mapped = this.entries.get(pointer(...tokens.slice(0, length)))
      if (mapped === undefined) continue
      return this.nearestExisting(mapped, tokens.slice(length))
    }
    return ''
  }

  private nearestExisting(base: string, rest: string[]): string {
    const tokens = [...parsePointer(base), ...rest]
    for (let length = tokens.length; length > 0; length--) {
      const candidate = pointer(...tokens.slice(0, length))
      if (pointerResolves(this.input, candidate)) return candidate
    }
    return ''
  }
}
