import { computed, nextTick, ref } from 'vue'
import { useRouter } from 'vue-router'
import { useToastStore } from '../../../app/toast.store.ts'
import type { FlowSummary } from '../flows.api.ts'
import { useFlowsStore } from '../flows.store.ts'

export type ConfirmableAction = 'archive' | 'unarchive'

/**
 * The actions on a row of the flows list: duplicate at once; archive and restore only after a
 * confirmation. Failures go to a toast; afterwards the focus lands on the row (or its neighbour
 * when the row left the list) rather than on the page's body.
 */
export function useFlowRowActions(focusFallback: () => void) {
  const flows = useFlowsStore()
  const toasts = useToastStore()
  const router = useRouter()
  const busyId = ref<string | null>(null)
  const highlightId = ref<string | null>(null)
  const pending = ref<{ flow: FlowSummary; action: ConfirmableAction } | null>(null)

  async function duplicate(flow: FlowSummary): Promise<void> {
    busyId.value = flow.id
    try {
      const copy = await flows.duplicate(flow.id)
      highlightId.value = copy.id
      toasts.success(`Duplicated as “${copy.name}”.`, {
        action: {
          label: 'Open',
          run: () => void router.push({ name: 'designer', params: { id: copy.id } }),
        },
      })
    } catch (error) {
      toasts.error(error, `Could not duplicate “${flow.name}”`)
    } finally {
      busyId.value = null
    }
  }

  function ask(flow: FlowSummary, action: ConfirmableAction): void {
    pending.value = { flow, action }
  }

  function cancel(): void {
    pending.value = null
  }

  async function confirm(): Promise<void> {
    const current = pending.value
    if (!current) return
    const { flow, action } = current
    const index = flows.items.findIndex((item) => item.id === flow.id)
    busyId.value = flow.id
    try {
      if (action === 'archive') await flows.archive(flow.id)
      else await flows.unarchive(flow.id)
      toasts.success(action === 'archive' ? `Archived “${flow.name}”.` : `Restored “${flow.name}”.`)
    } catch (error) {
      toasts.error(
        error,
        `Could not ${action === 'archive' ? 'archive' : 'restore'} “${flow.name}”`,
      )
    } finally {
      busyId.value = null
      pending.value = null
    }
    await nextTick()
    focusRow(flow.id, index)
  }

  /** The row's own link if it is still listed, else the row now at its place, else the fallback. */
  function focusRow(id: string, index: number): void {
    const links = [...document.querySelectorAll<HTMLElement>('[data-testid="flow-link"]')]
    const own = links.find((link) => link.closest(`[data-flow-id="${id}"]`))
    const target = own ?? links[Math.min(index, links.length - 1)]
    if (target) target.focus()
    else focusFallback()
  }

  const confirmText = computed(() => {
    const current = pending.value
    if (!current) return { title: '', message: '', label: '' }
    const name = current.flow.name
    return current.action === 'archive'
      ? {
          title: `Archive “${name}”?`,
          message:
            'It leaves the list of active flows. Published versions stay readable and sessions already started continue. You can restore it from the Archived filter.',
          label: 'Archive flow',
        }
      : {
          title: `Restore “${name}”?`,
          message: 'It returns to the list of active flows, with its draft and versions.',
          label: 'Restore flow',
        }
  })

  return { busyId, highlightId, pending, confirmText, duplicate, ask, cancel, confirm }
}
