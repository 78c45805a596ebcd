import { onBeforeUnmount, onMounted } from 'vue'

export interface ShortcutHandlers {
  undo: () => void
  redo: () => void
  enabled: () => boolean
}

/**
 * Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes the designer's history, also inside
 * its text fields (their own undo would fight the document history). Not inside a dialog.
 */
export function useDesignerShortcuts(handlers: ShortcutHandlers) {
  function onKeydown(event: KeyboardEvent): void {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || !handlers.enabled()) return
    // Inside a dialog the keys belong to it (a modal keeps the focus inside while open).
    if (event.target instanceof Element && event.target.closest('[aria-modal="true"]')) return
    const key = event.key.toLowerCase()
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault()
      handlers.undo()
    } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.metaKey)) {
      event.preventDefault()
      handlers.redo()
    }
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
