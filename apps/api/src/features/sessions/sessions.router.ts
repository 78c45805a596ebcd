import { Type } from '@sinclair/typebox'
import type { AppContext } from '../../common/context.ts'
import { requestActor, uuidParam } from '../../common/http/request.ts'
import { principalOf, type RouteDef } from '../../common/http/route.ts'
import type { Request } from 'express'
import { SessionDecisionsService, type Reviewer } from './session-decisions.service.ts'
import { streamSessionsCsv } from './sessions-csv.ts'
import {
  DecisionBody,
  DecisionState,
  ListSessionsQuery,
  OperatorAnswersBody,
  SessionDetailQuery,
  SessionList,
  SessionReviewerList,
  SessionsCsvQuery,
} from './sessions.schemas.ts'
import { SessionsService } from './sessions.service.ts'

function reviewerOf(req: Request): Reviewer {
  return { actor: requestActor(req), isAdmin: principalOf(req).role === 'admin' }
}

const sessionId = (req: Request) => uuidParam(req, 'id', 'session')
const Decided = Type.Object({ data: DecisionState })

/** `/sessions`: the review queue, one session, its media, operator answers and decisions. */
export function sessionsRoutes(ctx: AppContext): RouteDef[] {
  const sessions = new SessionsService(ctx)
  const decisions = new SessionDecisionsService(ctx)
  const read = { access: 'sessions:read', tag: 'sessions' } as const
  const decide = { access: 'sessions:decide', tag: 'sessions' } as const
  return [
    {
      ...read,
      method: 'get',
      path: '/sessions',
      summary: 'Sessions, newest first, filtered; keyset-paginated (stable while sessions arrive)',
      query: ListSessionsQuery,
      responses: { 200: { description: 'A page of sessions', schema: SessionList } },
      handler: async (req, res) => {
        res.json(await sessions.list(req.query as unknown as ListSessionsQuery))
      },
    },
    {
      ...read,
      method: 'get',
      path: '/sessions.csv',
      summary: 'The sessions of a filter as CSV, streamed',
      query: SessionsCsvQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
      handler: async (req, res) => {
        const filter = req.query as unknown as SessionsCsvQuery
        await streamSessionsCsv(res, sessions.pages(filter), ctx.logger)
      },
    },
    {
      // Before /sessions/:id, which would otherwise take "reviewers" for an id.
      ...read,
      method: 'get',
      path: '/sessions/reviewers',
      summary: 'Users who decided, or proposed a pending decision on, any session (for filters)',
      responses: { 200: { description: 'The reviewers', schema: SessionReviewerList } },
      handler: async (_req, res) => {
        res.json({ data: await sessions.reviewers() })
      },
    },
    {
      ...read,
      method: 'get',
      path: '/sessions/:id',
      summary: 'One session: timeline, answers with why each question was shown, media, results',
      query: SessionDetailQuery,
      responses: { 200: { description: 'The session' } },
      handler: async (req, res) => {
        const { lang } = req.query as SessionDetailQuery
        res.set('Cache-Control', 'private, no-store')
        res.json({ data: await sessions.detail(sessionId(req), lang) })
      },
    },
    {
      ...read,
      method: 'get',
      path: '/sessions/:id/media/:mediaId',
      summary: 'One capture, decrypted, with its image type (never cached)',
      responses: { 200: { description: 'The image', contentType: 'image/*' } },
      handler: async (req, res) => {
        const media = await sessions.media(sessionId(req), String(req.params.mediaId))
        res
          .status(200)
          .set({
            'Content-Type': media.contentType,
            'Content-Length': String(media.bytes.length),
            'Cache-Control': 'private, no-store',
            'Content-Disposition': `inline; filename="${media.name}"`,
          })
          .end(media.bytes)
      },
    },
    {
      ...decide,
      method: 'put',
      path: '/sessions/:id/operator-answers',
      summary: 'Save the reviewer’s answers to the flow’s operator questionnaire(s)',
      body: OperatorAnswersBody,
      responses: { 200: { description: 'The operator answers, by step' } },
      handler: async (req, res) => {
        const body = req.body as OperatorAnswersBody
        const saved = await decisions.saveOperatorAnswers(sessionId(req), body, requestActor(req))
        res.json({ data: saved })
      },
    },
    {
      ...decide,
      method: 'post',
      path: '/sessions/:id/decision',
      summary:
        'Approve, reject or request resubmission (reason required for the last two); with four-eyes, a proposal',
      body: DecisionBody,
      responses: { 200: { description: 'The decision state', schema: Decided } },
      handler: async (req, res) => {
        const body = req.body as DecisionBody
        res.json({ data: await decisions.decide(sessionId(req), body, reviewerOf(req)) })
      },
    },
    {
      ...decide,
      method: 'post',
      path: '/sessions/:id/decision/confirm',
      summary: 'Confirm a pending four-eyes decision (a different reviewer only)',
      responses: { 200: { description: 'The decision state', schema: Decided } },
      handler: async (req, res) => {
        res.json({ data: await decisions.confirm(sessionId(req), reviewerOf(req)) })
      },
    },
  ]
}
