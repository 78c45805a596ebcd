import { ADMIN, startApi } from './fixtures/api-server.ts'

/**
 * Starts one real API for the whole run (fresh PGlite folder, the built console at `/`) and hands
 * its address and admin token to the workers through the environment. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const api = await startApi('api')
  process.env.E2E_BASE_URL = api.baseUrl
  process.env.E2E_ADMIN_TOKEN = ADMIN.token
  return () => api.stop()
}
