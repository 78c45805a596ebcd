import { onBeforeUnmount, onMounted } from 'vue'
import { shortcutFor, type ShortcutAction } from '../lib/shortcuts.ts'

/**
 * The review page's single-key shortcuts (j, k, a, r, ?), on the window: never while typing,
 * never with Ctrl, Cmd or Alt, never inside a dialog (lib/shortcuts.ts decides).
 */
export function useReviewShortcuts(handlers: Record<ShortcutAction, () => void>) {
  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return
    const action = shortcutFor(event)
    if (!action) return
    event.preventDefault()
    handlers[action]()
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
