const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
  '[contenteditable="true"]',
].join(',')

function isShown(element: HTMLElement): boolean {
  if (element.closest('[hidden], [inert]')) return false
  // checkVisibility covers display:none and visibility:hidden where the browser has it.
  return typeof element.checkVisibility === 'function' ? element.checkVisibility() : true
}

/** The elements inside `root` that Tab can reach, in document order. */
export function focusableWithin(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(isShown)
}

/**
 * Keeps Tab and Shift+Tab inside `root` (a modal dialog): from the last element Tab goes to the
 * first, and the other way round. Returns true when it moved the focus itself.
 */
export function trapTab(root: HTMLElement, event: KeyboardEvent): boolean {
  if (event.key !== 'Tab') return false
  const items = focusableWithin(root)
  const first = items[0]
  const last = items[items.length - 1]
  if (!first || !last) {
    event.preventDefault()
    root.focus()
    return true
  }
  const active = document.activeElement
  const outside = !(active instanceof HTMLElement) || !root.contains(active)
  if (event.shiftKey && (active === first || active === root || outside)) {
    event.preventDefault()
    last.focus()
    return true
  }
  if (!event.shiftKey && (active === last || outside)) {
    event.preventDefault()
    first.focus()
    return true
  }
  return false
}
