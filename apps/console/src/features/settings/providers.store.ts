import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as providersApi from './providers.api.ts'
import type {
  ConnectionTestResult,
  HostedProvider,
  ProviderSettings,
  ProviderSettingsPatch,
} from './providers.api.ts'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** The last "test connection" of one provider. */
export type ConnectionCheck =
  | { state: 'running' }
  | { state: 'done'; result: ConnectionTestResult }
  | { state: 'failed'; error: unknown }

/** Provider settings: hosts, options and write-only credentials, plus connection tests. */
export const useProvidersStore = defineStore('settings-providers', () => {
  const items = ref<ProviderSettings[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  const checks = ref<Partial<Record<HostedProvider, ConnectionCheck>>>({})

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    try {
      items.value = await providersApi.listProviderSettings()
      status.value = 'ready'
    } catch (failure) {
      error.value = failure
      status.value = 'error'
    }
  }

  /** Saves a change; the answer (credentials as set / not set only) replaces the card. */
  async function save(
    provider: HostedProvider,
    patch: ProviderSettingsPatch,
  ): Promise<ProviderSettings> {
    const saved = await providersApi.updateProviderSettings(provider, patch)
    items.value = items.value.map((item) => (item.provider === provider ? saved : item))
    // A result from before the change no longer describes these settings.
    delete checks.value[provider]
    return saved
  }

  /** Runs "test connection" with the saved settings; the outcome stays until the next change. */
  async function testConnection(provider: HostedProvider): Promise<void> {
    if (checks.value[provider]?.state === 'running') return
    checks.value[provider] = { state: 'running' }
    try {
      const result = await providersApi.testProviderConnection(provider)
      checks.value[provider] = { state: 'done', result }
    } catch (failure) {
      checks.value[provider] = { state: 'failed', error: failure }
    }
  }

  return { items, status, error, checks, load, save, testConnection }
})
