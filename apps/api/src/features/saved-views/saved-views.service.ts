import type { Kysely } from 'kysely'
import type { Actor } from '../../common/auth/principal.ts'
import type { DB } from '../../common/db/tables.ts'
import {
  AppError,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/app-error.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import * as repo from './saved-views.repository.ts'
import {
  VIEW_NAME_MAX,
  type CreateSavedViewBody,
  type SavedView,
  type UpdateSavedViewBody,
} from './saved-views.schemas.ts'

/** How many views of their own one user may keep. */
export const MAX_VIEWS_PER_USER = 50

/** The views every user has, first in the list; they cannot be changed or deleted. */
export const BUILT_IN_VIEWS: readonly SavedView[] = [
  {
    id: 'builtin:needs-review',
    name: 'Needs review',
    query: { status: 'completed', decision: 'none' },
    builtIn: true,
    createdAt: null,
  },
  {
    id: 'builtin:awaiting-confirmation',
    name: 'Awaiting confirmation',
    query: { decision: 'pending' },
    builtIn: true,
    createdAt: null,
  },
  {
    id: 'builtin:rejected-this-week',
    name: 'Rejected this week',
    query: { decision: 'rejected', period: 'this-week' },
    builtIn: true,
    createdAt: null,
  },
]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const viewNotFound = () => new NotFoundError('saved view', 'SAVED_VIEW_NOT_FOUND')

/** Whose views these are: the user (any of their keys too), or the ADMIN_TOKEN, which has none. */
function ownerOf(actor: Actor): string {
  return actor.userId ?? actor.kind
}

function toView(row: repo.SavedViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    builtIn: false,
    createdAt: row.created_at.toISOString(),
  }
}

/** The trimmed name, or a 400 at `/name`. */
function cleanName(name: string): string {
  const trimmed = name.trim()
  if (trimmed.length === 0)
    throw new ValidationError([
      { code: 'NAME_REQUIRED', message: 'give the view a name', path: '/name' },
    ])
  if (trimmed.length > VIEW_NAME_MAX)
    throw new ValidationError([
      {
        code: 'NAME_TOO_LONG',
        message: `a view name has at most ${VIEW_NAME_MAX} characters`,
        path: '/name',
      },
    ])
  return trimmed
}

/**
 * Saved views of the sessions list, per user: the built-in ones every user has, then the user's
 * own (newest first). A user sees and changes only their own; every change is audited.
 */
export class SavedViewsService {
  constructor(private readonly deps: { db: Kysely<DB> }) {}

  async list(actor: Actor): Promise<SavedView[]> {
    const rows = await repo.listViews(this.deps.db, ownerOf(actor))
    return [...BUILT_IN_VIEWS, ...rows.map(toView)]
  }

  async create(body: CreateSavedViewBody, actor: Actor): Promise<SavedView> {
    const name = cleanName(body.name)
    const owner = ownerOf(actor)
    return this.deps.db.transaction().execute(async (trx) => {
      await repo.lockOwner(trx, owner)
      if (isBuiltInName(name) || (await repo.nameTaken(trx, owner, name))) throw conflictName()
      if ((await repo.countViews(trx, owner)) >= MAX_VIEWS_PER_USER)
        throw new ConflictError(
          'TOO_MANY_VIEWS',
          `you can keep at most ${MAX_VIEWS_PER_USER} views; delete one first`,
        )
      const row = await repo.insertView(trx, {
        owner,
        userId: actor.userId,
        name,
        query: body.query,
      })
      await recordAudit(trx, actor, {
        action: 'saved_view.created',
        targetType: 'saved_view',
        targetId: row.id,
        summary: { name, query: body.query },
      })
      return toView(row)
    })
  }

  async update(id: string, body: UpdateSavedViewBody, actor: Actor): Promise<SavedView> {
    const viewId = ownId(id)
    const name = body.name === undefined ? undefined : cleanName(body.name)
    const owner = ownerOf(actor)
    return this.deps.db.transaction().execute(async (trx) => {
      await repo.lockOwner(trx, owner)
      const current = await repo.findView(trx, owner, viewId, { forUpdate: true })
      if (!current) throw viewNotFound()
      if (
        name !== undefined &&
        (isBuiltInName(name) || (await repo.nameTaken(trx, owner, name, viewId)))
      )
        throw conflictName()
      const row = await repo.updateView(trx, viewId, { name, query: body.query })
      await recordAudit(trx, actor, {
        action: 'saved_view.updated',
        targetType: 'saved_view',
        targetId: viewId,
        summary: {
          name: row.name,
          ...(name !== undefined && name !== current.name ? { previousName: current.name } : {}),
          ...(body.query !== undefined ? { query: body.query } : {}),
        },
      })
      return toView(row)
    })
  }

  async remove(id: string, actor: Actor): Promise<void> {
    const viewId = ownId(id)
    const owner = ownerOf(actor)
    await this.deps.db.transaction().execute(async (trx) => {
      const current = await repo.findView(trx, owner, viewId, { forUpdate: true })
      if (!current) throw viewNotFound()
      await repo.deleteView(trx, viewId)
      await recordAudit(trx, actor, {
        action: 'saved_view.deleted',
        targetType: 'saved_view',
        targetId: viewId,
        summary: { name: current.name },
      })
    })
  }
}

function isBuiltInName(name: string): boolean {
  return BUILT_IN_VIEWS.some((view) => view.name.toLowerCase() === name.toLowerCase())
}

function conflictName(): AppError {
  const message = 'you already have a view with this name'
  return new AppError(409, 'NAME_TAKEN', message, [{ code: 'NAME_TAKEN', message, path: '/name' }])
}

/** The id of a view a user may change: a built-in one is a 409, anything else not a uuid a 404. */
function ownId(id: string): string {
  if (BUILT_IN_VIEWS.some((view) => view.id === id))
    throw new ConflictError('BUILT_IN_VIEW', 'built-in views cannot be changed or deleted')
  if (!UUID.test(id)) throw viewNotFound()
  return id.toLowerCase()
}
