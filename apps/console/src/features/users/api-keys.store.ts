import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as apiKeysApi from './api-keys.api.ts'
import type { ApiKey, CreateApiKeyInput, CreatedApiKey } from './api-keys.api.ts'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** Strips the secret: the list never keeps a key's full value. */
function listed(created: CreatedApiKey): ApiKey {
  const { key: _key, ...rest } = created
  return rest
}

/** The signed-in user's own API keys. */
export const useApiKeysStore = defineStore('api-keys', () => {
  const items = ref<ApiKey[]>([])
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    try {
      items.value = await apiKeysApi.listApiKeys()
      status.value = 'ready'
    } catch (failure) {
      error.value = failure
      status.value = 'error'
    }
  }

  /** Creates a key; the caller shows `key` once, the list keeps only its description. */
  async function create(input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const created = await apiKeysApi.createApiKey(input)
    items.value = [listed(created), ...items.value.filter((item) => item.id !== created.id)]
    return created
  }

  async function revoke(id: string): Promise<ApiKey> {
    const revoked = await apiKeysApi.revokeApiKey(id)
    items.value = items.value.map((item) => (item.id === id ? revoked : item))
    return revoked
  }

  return { items, status, error, load, create, revoke }
})
