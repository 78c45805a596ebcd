import type { Request } from 'express'
import type { TargetName } from '@veriflow/schema'
import type { AppContext } from '../../common/context.ts'
import { requestActor as actor } from '../../common/http/request.ts'
import type { RouteDef } from '../../common/http/route.ts'
import { TemplatesService } from '../templates/templates.service.ts'
import { FlowExchangeService, type ImportInput } from './flow-exchange.service.ts'
import {
  expectedRevisionOf,
  flowDetailJson,
  requiredRevisionOf,
  sendJsonText,
  sendVersion,
  setRevisionTag,
} from './flow-http.ts'
import { FlowVersionsService, parseVersionNumber } from './flow-versions.service.ts'
import {
  CreateFlowBody,
  ExportQuery,
  ExportSchema,
  FlowDetailSchema,
  FlowListItemSchema,
  FlowListQuery,
  FlowStateSchema,
  ImportBody,
  ImportReportSchema,
  PublishBody,
  SaveDraftBody,
  VersionListQuery,
  VersionMetaSchema,
  VersionSchema,
  envelope,
  pageOf,
} from './flows.schemas.ts'
import {
  FlowsService,
  type CreateFlowInput,
  type FlowListQuery as ListQuery,
} from './flows.service.ts'

const flowId = (req: Request) => String(req.params.id)
const versionOf = (req: Request) => parseVersionNumber(String(req.params.n))

const IF_MATCH = {
  name: 'If-Match',
  description: 'The ETag of the draft ("<revision>") this change is based on',
}

/** Flows, drafts, versions, export and import, under /api/flows. */
export function flowsRoutes(ctx: AppContext, templates = new TemplatesService()): RouteDef[] {
  const flows = new FlowsService(ctx.db, templates)
  const versions = new FlowVersionsService(ctx.db, flows)
  const exchange = new FlowExchangeService(ctx.db, flows, versions)
  const tag = 'flows'
  return [
    {
      method: 'get',
      path: '/flows',
      access: 'flows:read',
      tag,
      summary: 'List flows, most recently changed first (search by name, archived filter)',
      query: FlowListQuery,
      responses: { 200: { description: 'One page of flows', schema: pageOf(FlowListItemSchema) } },
      handler: async (req, res) => {
        res.json(await flows.list(req.query as unknown as ListQuery))
      },
    },
    {
      method: 'post',
      path: '/flows',
      access: 'flows:write',
      tag,
      summary: 'Create a flow: blank, from a template, a copy of a flow, or from a document',
      body: CreateFlowBody,
      responses: { 201: { description: 'The new flow', schema: envelope(FlowDetailSchema) } },
      handler: async (req, res) => {
        const flow = await flows.create(req.body as CreateFlowInput, actor(req))
        setRevisionTag(res, flow.revision)
        res.status(201).json({ data: flow })
      },
    },
    {
      method: 'post',
      path: '/flows/import',
      access: 'flows:write',
      tag,
      summary: 'Import an Identomat begin body or a Veriflow document (dryRun: only the report)',
      body: ImportBody,
      responses: {
        201: { description: 'The new flow', schema: envelope(FlowDetailSchema) },
        200: { description: 'dryRun: the report', schema: envelope(ImportReportSchema) },
      },
      handler: async (req, res) => {
        const input = req.body as ImportInput & { dryRun?: boolean }
        if (input.dryRun) return void res.json({ data: exchange.check(input) })
        res.status(201).json({ data: await exchange.import(input, actor(req)) })
      },
    },
    {
      method: 'get',
      path: '/flows/:id',
      access: 'flows:read',
      tag,
      summary: 'Read a flow with its draft and the draft’s validation issues (ETag: revision)',
      responses: { 200: { description: 'The flow', schema: envelope(FlowDetailSchema) } },
      handler: async (req, res) => {
        const flow = await flows.getAsText(flowId(req))
        setRevisionTag(res, flow.revision)
        sendJsonText(res, 200, flowDetailJson(flow))
      },
    },
    {
      method: 'patch',
      path: '/flows/:id',
      access: 'flows:write',
      tag,
      summary: 'Save the draft (kept even with validation errors); needs If-Match or revision',
      body: SaveDraftBody,
      headers: [{ ...IF_MATCH, required: true }],
      responses: { 200: { description: 'Saved', schema: envelope(FlowStateSchema) } },
      handler: async (req, res) => {
        const { document } = req.body as { document: Record<string, unknown> }
        const saved = await flows.saveDraft(
          flowId(req),
          document,
          requiredRevisionOf(req),
          actor(req),
        )
        setRevisionTag(res, saved.revision)
        res.json({ data: saved })
      },
    },
    {
      method: 'delete',
      path: '/flows/:id',
      access: 'flows:write',
      tag,
      summary: 'Archive a flow (soft; its versions stay readable)',
      handler: async (req, res) => {
        res.json({ data: await flows.archive(flowId(req), actor(req)) })
      },
    },
    {
      method: 'post',
      path: '/flows/:id/unarchive',
      access: 'flows:write',
      tag,
      summary: 'Restore an archived flow',
      handler: async (req, res) => {
        res.json({ data: await flows.unarchive(flowId(req), actor(req)) })
      },
    },
    {
      method: 'post',
      path: '/flows/:id/publish',
      access: 'flows:publish',
      tag,
      summary: 'Publish the draft as the next version (422 with the issues when it has errors)',
      body: PublishBody,
      headers: [IF_MATCH],
      responses: { 201: { description: 'The new version', schema: envelope(VersionMetaSchema) } },
      handler: async (req, res) => {
        const { note } = req.body as { note: string }
        const expected = expectedRevisionOf(req) ?? null
        res
          .status(201)
          .json({ data: await versions.publish(flowId(req), note, expected, actor(req)) })
      },
    },
    {
      method: 'get',
      path: '/flows/:id/versions',
      access: 'flows:read',
      tag,
      summary: 'List published versions, newest first',
      query: VersionListQuery,
      responses: {
        200: { description: 'One page of versions', schema: pageOf(VersionMetaSchema) },
      },
      handler: async (req, res) => {
        const page = req.query as unknown as { cursor?: string; limit: number }
        res.json(await versions.list(flowId(req), page))
      },
    },
    {
      method: 'get',
      path: '/flows/:id/versions/:n',
      access: 'flows:read',
      tag,
      summary: 'Read a published version (immutable: cacheable, ETag = content hash)',
      headers: [{ name: 'If-None-Match', description: 'The ETag of a copy you hold (304)' }],
      responses: { 200: { description: 'The version', schema: envelope(VersionSchema) } },
      handler: async (req, res) => {
        sendVersion(req, res, await versions.get(flowId(req), versionOf(req)))
      },
    },
    {
      method: 'post',
      path: '/flows/:id/versions/:n/restore',
      access: 'flows:write',
      tag,
      summary: 'Copy a version into the draft (a new revision; honours If-Match when sent)',
      headers: [IF_MATCH],
      responses: { 200: { description: 'The flow', schema: envelope(FlowDetailSchema) } },
      handler: async (req, res) => {
        const expected = expectedRevisionOf(req) ?? null
        const flow = await versions.restore(flowId(req), versionOf(req), expected, actor(req))
        setRevisionTag(res, flow.revision)
        res.json({ data: flow })
      },
    },
    {
      method: 'get',
      path: '/flows/:id/export',
      access: 'flows:read',
      tag,
      summary: 'Compile the draft or a version to a target’s payload (422 with the issues)',
      query: ExportQuery,
      responses: { 200: { description: 'The payload', schema: envelope(ExportSchema) } },
      handler: async (req, res) => {
        const { target, version } = req.query as unknown as { target: TargetName; version?: number }
        res.json({ data: await exchange.export(flowId(req), target, version) })
      },
    },
  ]
}
