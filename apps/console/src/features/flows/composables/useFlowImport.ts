import type { Issue } from '@veriflow/schema'
import { computed, ref, watch } from 'vue'
import { ApiError } from '../../../app/http.ts'
import { useDebouncedCallback } from '../../../app/composables/useDebouncedCallback.ts'
import type { FlowDetail, ImportReport, ImportSource } from '../flows.api.ts'
import { useFlowsStore } from '../flows.store.ts'
import { detectImportFormat } from '../lib/import-format.ts'
import { parseJsonText } from '../lib/json-text.ts'

/** The user's format choice: 'auto' follows the detection. */
export type FormatChoice = 'auto' | ImportSource

/** Largest file the dialog reads (the API's body limit is 5 MB). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

/** How long after the last change the dry run starts. */
const CHECK_DELAY_MS = 400

/**
 * The import dialog's state: the text (pasted or read from a file), its format, the dry-run
 * report and the import itself. A report belongs to the exact text, format and name it was made
 * for; any change makes it stale and only a fresh, error-free report allows the import.
 */
export function useFlowImport() {
  const flows = useFlowsStore()
  const text = ref('')
  const fileName = ref('')
  const fileError = ref('')
  const choice = ref<FormatChoice>('auto')
  const name = ref('')
  const report = ref<ImportReport | null>(null)
  const reportKey = ref('')
  /** A failed dry run or import that is not a report (network, 413, …). */
  const requestError = ref<unknown>(null)
  const checking = ref(false)
  const importing = ref(false)
  let checkSequence = 0

  const parsed = computed(() => parseJsonText(text.value))
  const detection = computed(() =>
    parsed.value.ok ? detectImportFormat(parsed.value.value) : { source: null, evidence: [] },
  )
  const source = computed<ImportSource | null>(() =>
    choice.value === 'auto' ? detection.value.source : choice.value,
  )
  const currentKey = computed(() => JSON.stringify([source.value, name.value.trim(), text.value]))
  const reportIsCurrent = computed(
    () => report.value !== null && reportKey.value === currentKey.value,
  )
  const errors = computed(() => report.value?.issues.filter((i) => i.severity === 'error') ?? [])
  const warnings = computed(() => report.value?.issues.filter((i) => i.severity !== 'error') ?? [])
  const canCheck = computed(() => parsed.value.ok && source.value !== null && !importing.value)
  const canImport = computed(
    () =>
      reportIsCurrent.value &&
      report.value?.valid === true &&
      errors.value.length === 0 &&
      !checking.value &&
      !importing.value,
  )

  function input() {
    const trimmed = name.value.trim()
    return {
      from: source.value as ImportSource,
      payload: parsed.value.ok ? parsed.value.value : undefined,
      ...(trimmed ? { name: trimmed } : {}),
    }
  }

  /** Runs the dry run for what is on screen now; older answers are dropped. */
  async function check(): Promise<void> {
    autoCheck.cancel()
    if (!canCheck.value) return
    const sequence = ++checkSequence
    const key = currentKey.value
    checking.value = true
    requestError.value = null
    try {
      const answer = await flows.checkImport(input())
      if (sequence !== checkSequence) return
      report.value = answer
      reportKey.value = key
    } catch (error) {
      if (sequence !== checkSequence) return
      report.value = null
      requestError.value = error
    } finally {
      if (sequence === checkSequence) checking.value = false
    }
  }

  const autoCheck = useDebouncedCallback(() => void check(), CHECK_DELAY_MS)
  watch(currentKey, () => {
    requestError.value = null
    if (canCheck.value) autoCheck.run()
    else autoCheck.cancel()
  })

  /** Imports; a 422 (the payload changed meaning since the report) shows the API's issues. */
  async function runImport(): Promise<FlowDetail | null> {
    if (!canImport.value) return null
    importing.value = true
    requestError.value = null
    try {
      return await flows.importFlow(input())
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const issues = error.issues.map(
          (issue): Issue => ({ severity: 'error', path: '', ...issue }) as Issue,
        )
        report.value = { valid: false, issues, document: null }
        reportKey.value = currentKey.value
      } else requestError.value = error
      return null
    } finally {
      importing.value = false
    }
  }

  /** Reads a chosen or dropped file into the text area. */
  async function readFile(file: File): Promise<void> {
    fileError.value = ''
    if (file.size > MAX_IMPORT_BYTES) {
      fileError.value = `${file.name} is larger than 5 MB.`
      return
    }
    try {
      text.value = await file.text()
      fileName.value = file.name
    } catch {
      fileError.value = `${file.name} could not be read.`
    }
  }

  function reset(): void {
    checkSequence++
    autoCheck.cancel()
    text.value = ''
    fileName.value = ''
    fileError.value = ''
    choice.value = 'auto'
    name.value = ''
    report.value = null
    reportKey.value = ''
    requestError.value = null
    checking.value = false
    importing.value = false
  }

  return {
    text,
    fileName,
    fileError,
    choice,
    name,
    parsed,
    detection,
    source,
    report,
    reportIsCurrent,
    errors,
    warnings,
    requestError,
    checking,
    importing,
    canCheck,
    canImport,
    check,
    runImport,
    readFile,
    reset,
  }
}
