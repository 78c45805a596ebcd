import { sql, type Kysely } from 'kysely'
import type { Role } from '../../common/auth/permissions.ts'
import type { DB } from '../../common/db/tables.ts'

/** The columns of a user that may leave the database (everything but the password hash). */
const USER_COLUMNS = [
  'id',
  'email',
  'name',
  'role',
  'active',
  'created_at',
  'updated_at',
  'deactivated_at',
  sql<boolean>`password_hash is not null`.as('has_password'),
] as const

export interface UserRow {
  id: string
  email: string
  name: string
  role: string
  active: boolean
  created_at: Date
  updated_at: Date
  deactivated_at: Date | null
  has_password: boolean
}

export async function anyUserExists(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst()
  return row !== undefined
}

/** Users by email, keyset-paginated on lower(email) (unique, so the order is total). */
export function listUsers(
  db: Kysely<DB>,
  afterEmail: string | undefined,
  limit: number,
): Promise<UserRow[]> {
  let query = db.selectFrom('users').select(USER_COLUMNS)
  if (afterEmail !== undefined) query = query.where(sql`lower(email)`, '>', afterEmail)
  return query
    .orderBy(sql`lower(email)`)
    .limit(limit)
    .execute()
}

export function findUser(
  db: Kysely<DB>,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserRow | undefined> {
  const query = db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id)
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst()
}

/** The one read that includes the password hash: signing in. */
export function findUserForLogin(db: Kysely<DB>, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'active', 'password_hash'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}

/** Inserts a user; undefined when the email is taken (unique on lower(email)). */
export function insertUser(
  db: Kysely<DB>,
  user: { email: string; name: string; role: Role; passwordHash: string | null },
): Promise<UserRow | undefined> {
  return db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
    })
    .onConflict((oc) => oc.doNothing())
    .returning(USER_COLUMNS)
    .executeTakeFirst()
}

export function updateUser(
  db: Kysely<DB>,
  id: string,
  changes: {
    name?: string
    role?: Role
    active?: boolean
    deactivated_at?: Date | null
  },
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirst()
}

export async function setPasswordHash(
  db: Kysely<DB>,
  id: string,
  passwordHash: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', id)
    .execute()
}

/**
 * Locks every active admin, in id order, until the transaction ends. Every change that could
 * remove an admin takes these locks first, so two such changes cannot both see "another admin
 * remains" (and the fixed order means they queue instead of deadlocking).
 */
export async function lockActiveAdmins(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .orderBy('id')
    .forUpdate()
    .execute()
  return rows.map((row) => row.id)
}

export async function deleteSessionsOfUser(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute()
}

/** Revokes every live API key of the user (reactivating the user does not bring them back). */
export async function revokeKeysOfUser(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Replaces the user's open invitations with a new one (only the newest link works). */
export async function replaceInviteToken(
  db: Kysely<DB>,
  userId: string,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .deleteFrom('one_time_tokens')
    .where('purpose', '=', 'invite')
    .where('user_id', '=', userId)
    .execute()
  await db
    .insertInto('one_time_tokens')
    .values({ token_hash: tokenHash, purpose: 'invite', user_id: userId, expires_at: expiresAt })
    .execute()
}

/** Marks an unused, unexpired invitation used; returns its user, or undefined. */
export async function consumeInviteToken(
  db: Kysely<DB>,
  tokenHash: string,
): Promise<string | undefined> {
  const row = await db
    .updateTable('one_time_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst()
  return row?.user_id ?? undefined
}
