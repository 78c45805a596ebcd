import { http } from '../../app/http.ts'

/** One of the signed-in user's API keys (never its secret). */
export interface ApiKey {
  id: string
  name: string
  /** The start of the key, to recognise it (`vfk_` and 8 characters). */
  prefix: string
  scopes: string[]
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

/** A key just made: the only answer that carries the full key. */
export interface CreatedApiKey extends ApiKey {
  key: string
}

export interface CreateApiKeyInput {
  name: string
  /** Within the user's role; left out, the key gets everything the role allows. */
  scopes?: string[]
}

export async function listApiKeys(): Promise<ApiKey[]> {
  return (await http<ApiKey[]>('GET', '/api-keys')).data
}

export async function createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
  return (await http<CreatedApiKey>('POST', '/api-keys', { body: input })).data
}

/** The key stops working at once. */
export async function revokeApiKey(id: string): Promise<ApiKey> {
  return (await http<ApiKey>('DELETE', `/api-keys/${encodeURIComponent(id)}`)).data
}
