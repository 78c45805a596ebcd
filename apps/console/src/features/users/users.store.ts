import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as usersApi from './users.api.ts'
import type { CreateUserInput, InvitedUser, UpdateUserInput, User } from './users.api.ts'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** Users per page (the API allows up to 200). */
export const USERS_PAGE_SIZE = 100

/** The users screen: the list (by email), and creating, changing and deactivating users. */
export const useUsersStore = defineStore('users', () => {
  const items = ref<User[]>([])
  const nextCursor = ref<string | undefined>()
  const status = ref<LoadStatus>('idle')
  const error = ref<unknown>(null)
  const loadingMore = ref(false)
  const loadMoreError = ref<unknown>(null)

  const hasMore = computed(() => nextCursor.value !== undefined)

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    loadMoreError.value = null
    try {
      const page = await usersApi.listUsers({ limit: USERS_PAGE_SIZE })
      items.value = page.items
      nextCursor.value = page.nextCursor
      status.value = 'ready'
    } catch (failure) {
      error.value = failure
      status.value = 'error'
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value || loadingMore.value) return
    loadingMore.value = true
    loadMoreError.value = null
    try {
      const page = await usersApi.listUsers({ cursor: nextCursor.value, limit: USERS_PAGE_SIZE })
      const shown = new Set(items.value.map((user) => user.id))
      items.value = [...items.value, ...page.items.filter((user) => !shown.has(user.id))]
      nextCursor.value = page.nextCursor
    } catch (failure) {
      loadMoreError.value = failure
    } finally {
      loadingMore.value = false
    }
  }

  function put(user: User): void {
    const index = items.value.findIndex((item) => item.id === user.id)
    if (index >= 0) items.value = items.value.map((item) => (item.id === user.id ? user : item))
    else items.value = [user, ...items.value]
  }

  /** Creates (or invites) a user; the new row goes to the top until the next reload sorts it. */
  async function create(input: CreateUserInput): Promise<InvitedUser> {
    const created = await usersApi.createUser(input)
    put(created.user)
    return created
  }

  async function update(id: string, patch: UpdateUserInput): Promise<User> {
    const user = await usersApi.updateUser(id, patch)
    put(user)
    return user
  }

  async function deactivate(id: string): Promise<User> {
    const user = await usersApi.deactivateUser(id)
    put(user)
    return user
  }

  async function reinvite(id: string): Promise<InvitedUser> {
    const invited = await usersApi.reinviteUser(id)
    put(invited.user)
    return invited
  }

  return {
    items,
    nextCursor,
    status,
    error,
    loadingMore,
    loadMoreError,
    hasMore,
    load,
    loadMore,
    create,
    update,
    deactivate,
    reinvite,
  }
})
