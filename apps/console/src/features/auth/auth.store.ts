import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError, setCsrfToken } from '../../app/http.ts'
import * as authApi from './auth.api.ts'

/** Who is signed in and what they may do. The API stays the real guard; this drives the UI. */
export const useAuthStore = defineStore('auth', () => {
  const me = ref<authApi.Me | null>(null)
  const loaded = ref(false)

  const user = computed(() => me.value?.user ?? null)
  const permissions = computed(() => new Set(me.value?.permissions ?? []))

  function can(permission: string): boolean {
    return permissions.value.has(permission)
  }

  /** Loads the current principal once (a 401 simply means "not signed in"). */
  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return
    try {
      me.value = await authApi.fetchMe()
      setCsrfToken(me.value.csrfToken)
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error
      me.value = null
    } finally {
      loaded.value = true
    }
  }

  /** A new session (login, set-up, invitation): keep its CSRF token, then read permissions. */
  async function startSession(signedIn: authApi.SignedIn): Promise<void> {
    setCsrfToken(signedIn.csrfToken)
    await load(true)
  }

  async function login(email: string, password: string): Promise<void> {
    await startSession(await authApi.login(email, password))
  }

  /** First run: creates the first admin with the set-up link's token and signs them in. */
  async function completeSetup(input: authApi.SetupInput): Promise<void> {
    await startSession(await authApi.completeSetup(input))
  }

  /** Sets the invited user's password and signs them in. */
  async function acceptInvite(token: string, password: string): Promise<void> {
    await startSession(await authApi.acceptInvite(token, password))
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      forget()
    }
  }

  /** Whether the installation still has no users (the sign-in and set-up pages say so). */
  async function needsSetup(): Promise<boolean> {
    return (await authApi.fetchSetupStatus()).needsSetup
  }

  /** Drops the local session (after logout, or when the API says 401). */
  function forget(): void {
    me.value = null
    setCsrfToken(undefined)
  }

  return {
    me,
    loaded,
    user,
    permissions,
    can,
    load,
    login,
    completeSetup,
    acceptInvite,
    logout,
    needsSetup,
    forget,
  }
})
