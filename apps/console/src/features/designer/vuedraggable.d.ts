// vuedraggable 4.1 names a declaration file it does not ship; this covers what the designer uses.
declare module 'vuedraggable' {
  import type { DefineComponent } from 'vue'

  /** What `@change` reports after a drop: one of moved / added / removed. */
  export interface DraggableChange<T> {
    moved?: { element: T; oldIndex: number; newIndex: number }
    added?: { element: T; newIndex: number }
    removed?: { element: T; oldIndex: number }
  }

  const draggable: DefineComponent<{
    list?: unknown[]
    modelValue?: unknown[]
    itemKey: string | ((item: unknown) => string | number)
    tag?: string
    clone?: (item: unknown) => unknown
    move?: (event: unknown) => boolean | void
    componentData?: Record<string, unknown>
  }>
  export default draggable
}
