/**
 * Date ranges of the sessions list and the funnel, in the browser's own time zone. Presets are
 * resolved when a list loads (not stored as dates), so a shared "Last 7 days" link stays last 7
 * days. Plain Date arithmetic: `new Date(y, m, d + n)` is midnight local time even across DST.
 */
export const PERIODS = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: 'Last 7 days' },
  { id: 'this-week', label: 'This week' },
  { id: 'this-month', label: 'This month' },
  { id: '30d', label: 'Last 30 days' },
] as const

export type PeriodId = (typeof PERIODS)[number]['id']

/** A resolved range: `from` inclusive, `to` exclusive (the API's "created before"). */
export interface ResolvedRange {
  from?: Date
  to?: Date
}

/** What a URL may hold: a preset, or custom bounds (a day `YYYY-MM-DD` or an ISO date-time). */
export interface RangeInput {
  period?: PeriodId
  from?: string
  to?: string
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/

export function isPeriod(value: unknown): value is PeriodId {
  return PERIODS.some((period) => period.id === value)
}

export function periodLabel(id: PeriodId): string {
  return PERIODS.find((period) => period.id === id)?.label ?? id
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate())
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days)
}

/** The preset as [from, to): whole local days, weeks starting on Monday. */
export function resolvePeriod(period: PeriodId, now: Date = new Date()): Required<ResolvedRange> {
  const today = startOfDay(now)
  const tomorrow = addDays(today, 1)
  switch (period) {
    case 'today':
      return { from: today, to: tomorrow }
    case '7d':
      return { from: addDays(today, -6), to: tomorrow }
    case '30d':
      return { from: addDays(today, -29), to: tomorrow }
    case 'this-week': {
      const monday = addDays(today, -((today.getDay() + 6) % 7))
      return { from: monday, to: addDays(monday, 7) }
    }
    case 'this-month':
      return {
        from: new Date(today.getFullYear(), today.getMonth(), 1),
        to: new Date(today.getFullYear(), today.getMonth() + 1, 1),
      }
  }
}

/** A local day `YYYY-MM-DD` as a Date at its midnight, or undefined when it is not a real day. */
export function parseDay(value: string): Date | undefined {
  const match = DAY.exec(value)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])]
  const date = new Date(year, month, day)
  return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day
    ? date
    : undefined
}

/** Whether a URL bound is usable: a real day or an ISO date-time. */
export function isRangeBound(value: string): boolean {
  return (
    parseDay(value) !== undefined || (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))
  )
}

/**
 * A custom bound as a Date. A day as `to` is inclusive for people ("to 31 March" includes the
 * 31st), so it becomes the next midnight; a full date-time is taken as it is.
 */
function boundOf(value: string | undefined, end: boolean): Date | undefined {
  if (!value) return undefined
  const day = parseDay(value)
  if (day) return end ? addDays(day, 1) : day
  return isRangeBound(value) ? new Date(value) : undefined
}

/** The range to ask the API for: the preset wins over custom bounds. */
export function resolveRange(input: RangeInput, now: Date = new Date()): ResolvedRange {
  if (input.period) return resolvePeriod(input.period, now)
  const range: ResolvedRange = {}
  const from = boundOf(input.from, false)
  const to = boundOf(input.to, true)
  if (from) range.from = from
  if (to) range.to = to
  return range
}

/** The range as the API's query: ISO date-times, absent bounds left out. */
export function rangeQuery(
  input: RangeInput,
  now: Date = new Date(),
): { from?: string; to?: string } {
  const range = resolveRange(input, now)
  return {
    ...(range.from ? { from: range.from.toISOString() } : {}),
    ...(range.to ? { to: range.to.toISOString() } : {}),
  }
}

/** A Date as the local day `YYYY-MM-DD` (what `<input type="date">` shows). */
export function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
