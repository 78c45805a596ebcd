import type { Kysely, Selectable } from 'kysely'
import { json, type ApiKeysTable, type DB } from '../../common/db/tables.ts'

/** Every column but the secret hash. */
const KEY_COLUMNS = [
  'id',
  'user_id',
  'name',
  'prefix',
  'scopes',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const

export type ApiKeyRow = Omit<Selectable<ApiKeysTable>, 'secret_hash'>

/** A user's keys, newest first. */
export function listKeysOf(db: Kysely<DB>, userId: string): Promise<ApiKeyRow[]> {
  return db
    .selectFrom('api_keys')
    .select(KEY_COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export function insertKey(
  db: Kysely<DB>,
  key: {
    id: string
    userId: string
    name: string
    prefix: string
    secretHash: string
    scopes: string[]
  },
): Promise<ApiKeyRow> {
  return db
    .insertInto('api_keys')
    .values({
      id: key.id,
      user_id: key.userId,
      name: key.name,
      prefix: key.prefix,
      secret_hash: key.secretHash,
      scopes: json(key.scopes),
    })
    .returning(KEY_COLUMNS)
    .executeTakeFirstOrThrow()
}

/** One of the user's keys, locked until the transaction ends. */
export function findKeyOfForUpdate(
  db: Kysely<DB>,
  id: string,
  userId: string,
): Promise<ApiKeyRow | undefined> {
  return db
    .selectFrom('api_keys')
    .select(KEY_COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst()
}

export function revokeKey(db: Kysely<DB>, id: string): Promise<ApiKeyRow> {
  return db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .returning(KEY_COLUMNS)
    .executeTakeFirstOrThrow()
}
