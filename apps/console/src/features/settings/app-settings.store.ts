import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as appSettingsApi from './app-settings.api.ts'
import type { AppSettings, AppSettingsPatch } from './app-settings.api.ts'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** Four-eyes, reason templates and the default session lifetime. */
export const useAppSettingsStore = defineStore('settings-app', () => {
  const settings = ref<AppSettings | null>(null)
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    try {
      settings.value = await appSettingsApi.fetchAppSettings()
      status.value = 'ready'
    } catch (failure) {
      error.value = failure
      status.value = 'error'
    }
  }

  /** Saves a change; the answer is the whole new state. */
  async function save(patch: AppSettingsPatch): Promise<AppSettings> {
    const saved = await appSettingsApi.updateAppSettings(patch)
    settings.value = saved
    return saved
  }

  return { settings, status, error, load, save }
})
