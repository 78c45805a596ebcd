import { nextTick, watch, type Ref } from 'vue'
import { focusableWithin } from '../../../app/lib/focusable.ts'
import { closestFieldPath } from '../lib/issue-paths.ts'

/** Frames to wait for lazily rendered panels (inspector, question editor) before giving up. */
const ATTEMPTS = 10

function frame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()))
}

/**
 * Focuses the field that shows an issue: the element whose `data-field-path` best matches the
 * issue's JSON pointer (lib/issue-paths.ts), scrolled into view and briefly highlighted.
 */
export function useFieldFocus(
  root: Ref<HTMLElement | null>,
  request: () => { path: string; at: number } | null,
) {
  async function focusPath(path: string): Promise<boolean> {
    await nextTick()
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const element = findField(path)
      if (element) {
        const target = element.matches('input, select, textarea, button, [tabindex]')
          ? element
          : (focusableWithin(element)[0] ?? element)
        target.scrollIntoView({ block: 'center' })
        target.focus({ preventScroll: true })
        element.classList.remove('field-flash')
        void element.offsetWidth
        element.classList.add('field-flash')
        return true
      }
      await frame()
    }
    return false
  }

  function findField(path: string): HTMLElement | null {
    const container = root.value
    if (!container) return null
    const elements = [...container.querySelectorAll<HTMLElement>('[data-field-path]')]
    const best = closestFieldPath(
      path,
      elements.map((el) => el.dataset.fieldPath as string),
    )
    return best === undefined
      ? null
      : (elements.find((el) => el.dataset.fieldPath === best) ?? null)
  }

  watch(request, (value) => {
    if (value) void focusPath(value.path)
  })

  return { focusPath }
}
