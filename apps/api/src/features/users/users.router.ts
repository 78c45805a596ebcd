import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import { requestActor, uuidParam } from '../../common/http/request.ts'
import type { RouteDef } from '../../common/http/route.ts'
import {
  CreateUserBody,
  InvitedUser,
  ListUsersQuery,
  UpdateUserBody,
  User,
  UserList,
} from './users.schemas.ts'
import { UsersService } from './users.service.ts'

const One = Type.Object({ data: User })
const WithInvite = Type.Object({ data: InvitedUser })

/** `/users`: the admin's users screen (permission users:manage). */
export function usersRoutes(ctx: AppContext): RouteDef[] {
  const users = new UsersService(ctx)
  const base = { access: 'users:manage', tag: 'users' } as const
  return [
    {
      ...base,
      method: 'get',
      path: '/users',
      summary: 'List users by email (never their password hashes)',
      query: ListUsersQuery,
      responses: { 200: { description: 'A page of users', schema: UserList } },
      handler: async (req, res) => {
        res.json(await users.list(req.query as unknown as ListUsersQuery))
      },
    },
    {
      ...base,
      method: 'post',
      path: '/users',
      summary: 'Create a user; without a password the answer carries a one-time invitation link',
      body: CreateUserBody,
      responses: { 201: { description: 'The user (and invitation)', schema: WithInvite } },
      handler: async (req, res) => {
        const created = await users.create(req.body as CreateUserBody, requestActor(req))
        res.status(201).set('Cache-Control', 'no-store').json({ data: created })
      },
    },
    {
      ...base,
      method: 'patch',
      path: '/users/:id',
      summary: 'Change a user’s name, role or active flag (the last active admin stays)',
      body: UpdateUserBody,
      responses: { 200: { description: 'The user', schema: One } },
      handler: async (req, res) => {
        const id = uuidParam(req, 'id', 'user')
        res.json({ data: await users.update(id, req.body as UpdateUserBody, requestActor(req)) })
      },
    },
    {
      ...base,
      method: 'delete',
      path: '/users/:id',
      summary: 'Deactivate a user: their sessions end and their API keys stop working at once',
      responses: { 200: { description: 'The deactivated user', schema: One } },
      handler: async (req, res) => {
        const id = uuidParam(req, 'id', 'user')
        res.json({ data: await users.deactivate(id, requestActor(req)) })
      },
    },
    {
      ...base,
      method: 'post',
      path: '/users/:id/invite',
      summary: 'Make a new one-time invitation (or password reset) link for a user',
      responses: { 201: { description: 'The user and the new link', schema: WithInvite } },
      handler: async (req, res) => {
        const invited = await users.reinvite(uuidParam(req, 'id', 'user'), requestActor(req))
        res.status(201).set('Cache-Control', 'no-store').json({ data: invited })
      },
    },
  ]
}
