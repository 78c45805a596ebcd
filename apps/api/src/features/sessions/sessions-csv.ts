import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import type { Response } from 'express'
import type { Logger } from 'pino'
import type { SessionListRow } from './sessions.repository.ts'

/** The export's columns, in order (header names are stable: integrators script against them). */
const COLUMNS: Array<[string, (row: SessionListRow) => string | number | boolean | null]> = [
  ['session_id', (r) => r.id],
  ['created_at', (r) => r.created_at.toISOString()],
  ['external_user_id', (r) => r.external_user_id],
  ['flow_id', (r) => r.flow_id],
  ['flow_name', (r) => r.flow_name],
  ['flow_version', (r) => r.flow_version ?? 'draft'],
  ['target', (r) => r.target],
  ['test', (r) => r.is_test],
  ['status', (r) => r.status],
  ['outcome', (r) => r.outcome],
  ['decision', (r) => r.decision ?? (r.decision_pending ? 'pending' : null)],
  ['decision_reason', (r) => r.decision_reason],
  ['decided_by', (r) => r.decided_by_label],
  ['decided_at', (r) => r.decided_at?.toISOString() ?? null],
  ['completed_at', (r) => r.completed_at?.toISOString() ?? null],
  ['expires_at', (r) => r.expires_at.toISOString()],
]

async function* records(pages: AsyncIterable<SessionListRow[]>) {
  for await (const rows of pages) for (const row of rows) yield COLUMNS.map(([, cell]) => cell(row))
}

/**
 * Streams sessions as CSV (RFC 4180, UTF-8 with BOM for spreadsheet apps). Cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe. The first
 * page is read before the headers go out, so a bad filter is still a JSON error; a failure later
 * can only cut the download short (and is logged).
 */
export async function streamSessionsCsv(
  res: Response,
  pages: AsyncGenerator<SessionListRow[]>,
  logger: Logger,
): Promise<void> {
  const first = await pages.next()
  async function* all() {
    if (!first.done) yield first.value
    yield* pages
  }
  const stamp = new Date().toISOString().slice(0, 10)
  res.status(200).set({
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="sessions-${stamp}.csv"`,
    'Cache-Control': 'private, no-store',
  })
  const csv = stringify({
    bom: true,
    header: true,
    columns: COLUMNS.map(([name]) => name),
    escape_formulas: true,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  })
  try {
    await pipeline(Readable.from(records(all())), csv, res)
  } catch (error) {
    logger.error({ err: error }, 'sessions CSV export failed midway')
    res.destroy()
  }
}
