import { onBeforeUnmount, onMounted } from 'vue'
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router'

/**
 * Asks before leaving with unsaved work: in-app navigation (including switching to another flow)
 * waits for `confirmLeave`; closing or reloading the tab gets the browser's own prompt.
 */
export function useLeaveGuard(hasUnsavedWork: () => boolean, confirmLeave: () => Promise<boolean>) {
  function onBeforeUnload(event: BeforeUnloadEvent): void {
    if (!hasUnsavedWork()) return
    event.preventDefault()
    // Older browsers need returnValue set to show the prompt.
    event.returnValue = ''
  }

  const guard = async () => (hasUnsavedWork() ? confirmLeave() : true)
  onBeforeRouteLeave(guard)
  onBeforeRouteUpdate(async (to, from) => (to.params.id === from.params.id ? true : guard()))
  onMounted(() => window.addEventListener('beforeunload', onBeforeUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onBeforeUnload))
}
