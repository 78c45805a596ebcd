/** What the save indicator says. It never claims more than the server has acknowledged. */
export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'failed' | 'conflict'

/** The other side of a 409: the revision someone else saved, when and who. */
export interface ConflictInfo {
  revision: number
  updatedAt?: string
  updatedBy?: string | null
}

/**
 * The autosave's memory, over immutable document snapshots compared by identity: `saved` is the
 * snapshot the server acknowledged, `saving` the one in flight.
 */
export interface SaveState<T> {
  saved: T
  saving: T | null
  failure: string | null
  conflict: ConflictInfo | null
}

export function initialSaveState<T>(saved: T): SaveState<T> {
  return { saved, saving: null, failure: null, conflict: null }
}

/**
 * The indicator for the document being edited (`current`): a conflict or a failure stays until
 * resolved or retried successfully (or the edits are undone back to what the server has), a save
 * in flight says "saving", and only a document that is
 * exactly the acknowledged one is "saved".
 */
export function saveStatus<T>(state: SaveState<T>, current: T): SaveStatus {
  if (state.conflict) return 'conflict'
  if (state.saving !== null) return 'saving'
  if (state.failure !== null && current !== state.saved) return 'failed'
  return current === state.saved ? 'saved' : 'unsaved'
}

export function saveStarted<T>(state: SaveState<T>, doc: T): SaveState<T> {
  return { ...state, saving: doc }
}

export function saveSucceeded<T>(state: SaveState<T>, doc: T): SaveState<T> {
  return { saved: doc, saving: null, failure: null, conflict: null }
}

export function saveFailed<T>(state: SaveState<T>, message: string): SaveState<T> {
  return { ...state, saving: null, failure: message }
}

export function saveConflicted<T>(state: SaveState<T>, conflict: ConflictInfo): SaveState<T> {
  return { ...state, saving: null, conflict }
}

/** True when leaving now would lose work. */
export function hasUnsavedWork<T>(state: SaveState<T>, current: T): boolean {
  return state.saving !== null || current !== state.saved
}
