/** What a key press asks of the review page. */
export type ShortcutAction = 'next' | 'previous' | 'approve' | 'reject' | 'help'

/** The shortcut list the `?` dialog shows. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; action: ShortcutAction; text: string }> = [
  { keys: 'j', action: 'next', text: 'Next session of the list' },
  { keys: 'k', action: 'previous', text: 'Previous session of the list' },
  { keys: 'a', action: 'approve', text: 'Approve (then Enter to confirm)' },
  { keys: 'r', action: 'reject', text: 'Reject (puts the cursor in the reason)' },
  { keys: '?', action: 'help', text: 'Show these shortcuts' },
]

const BY_KEY: Record<string, ShortcutAction> = {
  j: 'next',
  k: 'previous',
  a: 'approve',
  r: 'reject',
  '?': 'help',
}

/** True where the keys belong to typing: fields, editable content, open dialogs. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false
  const element = target as HTMLElement
  if (element.isContentEditable) return true
  return (
    element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !==
    null
  )
}

type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'repeat'>

/**
 * The action of a key press, or null: never while typing in a field, never with Ctrl, Cmd or
 * Alt (the browser's and the screen reader's shortcuts), never inside a modal dialog, never
 * for a held-down key.
 */
export function shortcutFor(event: KeyPress): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null
  if (isTypingTarget(event.target)) return null
  const target = event.target as Element | null
  if (target && typeof target.closest === 'function' && target.closest('[aria-modal="true"]'))
    return null
  return BY_KEY[event.key] ?? null
}
