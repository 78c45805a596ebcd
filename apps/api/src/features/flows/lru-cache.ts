/**
 * A small least-recently-used cache bounded by entry count and by total size (the caller says
 * how big each value is). A Map keeps insertion order, so the first key is the least recent.
 */
export class LruCache<V> {
  private readonly entries = new Map<string, { value: V; size: number }>()
  private totalSize = 0

  /**
   * @param maxEntries how many values to keep
   * @param maxSize the total size of the values kept (units of `set`'s `size`)
   */
  constructor(
    private readonly maxEntries: number,
    private readonly maxSize: number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: string, value: V, size = 1): void {
    this.delete(key)
    if (size > this.maxSize) return
    this.entries.set(key, { value, size })
    this.totalSize += size
    while (this.entries.size > this.maxEntries || this.totalSize > this.maxSize) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.delete(oldest)
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.totalSize -= entry.size
  }

  get size(): number {
    return this.entries.size
  }
}
