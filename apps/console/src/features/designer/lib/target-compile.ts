import {
  compile,
  type CompileResult,
  type Flow,
  type TargetName,
  type TargetPayloads,
} from '@veriflow/schema'

const cache = new WeakMap<Flow, Map<TargetName, CompileResult<unknown>>>()

/**
 * `compile(doc, target)` from the schema package, remembered per document snapshot: the targets
 * panel and the export tab ask for the same snapshot repeatedly, and snapshots never change.
 */
export function compileCached<T extends TargetName>(
  doc: Flow,
  target: T,
): CompileResult<TargetPayloads[T]> {
  let results = cache.get(doc)
  if (!results) {
    results = new Map()
    cache.set(doc, results)
  }
  const cached = results.get(target)
  if (cached) return cached as CompileResult<TargetPayloads[T]>
  const result = compile(doc, target)
  results.set(target, result)
  return result
}

/** The payload as the CLI prints it (`veriflow export`), so both can be compared byte for byte. */
export function payloadText(payload: unknown): string {
  return JSON.stringify(payload, null, 2) + '\n'
}
