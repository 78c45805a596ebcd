import { getCurrentScope, onScopeDispose } from 'vue'

/**
 * Wraps `callback` so it runs once `delayMs` after the last call (typing in a search box).
 * `flush` runs a pending call now; `cancel` drops it. Pending calls are dropped on unmount.
 */
export function useDebouncedCallback<A extends unknown[]>(
  callback: (...args: A) => void,
  delayMs: number,
) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: A | undefined

  function cancel(): void {
    clearTimeout(timer)
    timer = undefined
    pending = undefined
  }

  function flush(): void {
    if (!pending) return
    const args = pending
    cancel()
    callback(...args)
  }

  function run(...args: A): void {
    pending = args
    clearTimeout(timer)
    timer = setTimeout(flush, delayMs)
  }

  if (getCurrentScope()) onScopeDispose(cancel)
  return { run, flush, cancel }
}
