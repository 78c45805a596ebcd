import { http } from '../../app/http.ts'

export type Role = 'admin' | 'designer' | 'reviewer' | 'developer'

export interface CurrentUser {
  id: string | null
  email: string | null
  name: string
  role: Role
}

export interface Me {
  user: CurrentUser
  permissions: string[]
  csrfToken?: string
}

/** What login, first-run set-up and accepting an invitation answer (the session is a cookie). */
export interface SignedIn {
  user: CurrentUser
  csrfToken: string
}

export interface SetupInput {
  token: string
  name: string
  email: string
  password: string
}

export async function fetchMe(): Promise<Me> {
  return (await http<Me>('GET', '/auth/me')).data
}

export async function login(email: string, password: string): Promise<SignedIn> {
  return (await http<SignedIn>('POST', '/auth/login', { body: { email, password } })).data
}

export async function logout(): Promise<void> {
  await http('POST', '/auth/logout')
}

/** Whether the installation still has no users (the set-up link creates the first admin). */
export async function fetchSetupStatus(): Promise<{ needsSetup: boolean }> {
  return (await http<{ needsSetup: boolean }>('GET', '/auth/setup')).data
}

/** Creates the first admin with the one-time set-up token and signs them in. */
export async function completeSetup(input: SetupInput): Promise<SignedIn> {
  return (await http<SignedIn>('POST', '/auth/setup', { body: input })).data
}

/** Sets the password of an invited user with the invitation token and signs them in. */
export async function acceptInvite(token: string, password: string): Promise<SignedIn> {
  return (await http<SignedIn>('POST', '/auth/accept-invite', { body: { token, password } })).data
}
