import {
  hasErrors,
  type CompileResult,
  type Flow,
  type Issue,
  type TargetName,
} from '@veriflow/schema'
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { ApiError } from '../../app/http.ts'
import * as api from './designer.api.ts'
import { useDesignerStore } from './designer.store.ts'
import { useDraftSaveStore } from './draft-save.store.ts'
import { toEditableFlow } from './lib/draft.ts'

export type PublishResult =
  { ok: true; version: api.FlowVersionMeta } | { ok: false; issues: Issue[]; message: string }

/** Published versions of the open flow: history, publish, restore, and their documents. */
export const useVersionsStore = defineStore('versions', () => {
  const designer = useDesignerStore()
  const drafts = useDraftSaveStore()
  const versions = shallowRef<api.FlowVersionMeta[]>([])
  const loadedFor = ref<string | null>(null)
  const loading = ref(false)
  const error = shallowRef<ApiError | null>(null)
  const documents = new Map<string, Flow>()

  async function load(force = false): Promise<void> {
    const id = designer.flow?.id
    if (!id || (loadedFor.value === id && !force)) return
    loading.value = true
    error.value = null
    try {
      versions.value = await api.fetchVersions(id)
      loadedFor.value = id
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      error.value = e
    } finally {
      loading.value = false
    }
  }

  /** The document of a version (immutable, so fetched once). */
  async function documentOf(version: number): Promise<Flow> {
    const id = designer.flow?.id as string
    const cacheKey = `${id}/${version}`
    const cached = documents.get(cacheKey)
    if (cached) return cached
    const fetched = await api.fetchVersion(id, version)
    const doc = toEditableFlow(fetched.document).doc
    documents.set(cacheKey, doc)
    return doc
  }

  /**
   * Publishes exactly what is on screen: validation errors block it before any request, pending
   * edits are saved first, and the revision is sent so nothing newer slips in.
   */
  async function publish(note: string): Promise<PublishResult> {
    const issues = designer.validateNow()
    if (hasErrors(issues)) return { ok: false, issues, message: 'Fix the errors before publishing' }
    if (!(await drafts.flush()))
      return { ok: false, issues: [], message: 'The draft could not be saved; try again' }
    const flow = designer.flow
    if (!flow) return { ok: false, issues: [], message: 'No flow is open' }
    try {
      const version = await api.publishFlow(flow.id, note, flow.revision)
      designer.flow = { ...flow, latestVersion: version.version }
      versions.value = [version, ...versions.value]
      return { ok: true, version }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      const found = e.issues.filter((i): i is Issue => typeof i.path === 'string' && !!i.severity)
      return { ok: false, issues: found, message: e.message }
    }
  }

  /** Copies a version into the draft on the server; undo brings the previous draft back. */
  async function restore(version: number): Promise<string | null> {
    if (!(await drafts.flush())) return 'The draft could not be saved first; try again'
    const flow = designer.flow
    if (!flow) return 'No flow is open'
    try {
      designer.restored(await api.restoreVersion(flow.id, version, flow.revision))
      designer.announce(`Version ${version} restored into the draft`)
      return null
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      return e.message
    }
  }

  /** The server's compile of a published version (errors come back as issues, not payload). */
  async function exportOf(target: TargetName, version: number): Promise<CompileResult<unknown>> {
    const id = designer.flow?.id as string
    try {
      const result = await api.exportVersion(id, target, version)
      return { payload: result.payload, issues: result.issues }
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 422) throw e
      const issues = e.issues.filter((i): i is Issue => typeof i.path === 'string' && !!i.severity)
      return { payload: null, issues }
    }
  }

  return { versions, loading, error, load, documentOf, publish, restore, exportOf }
})
