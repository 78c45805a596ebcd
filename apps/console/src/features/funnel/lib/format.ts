const count = new Intl.NumberFormat('en-GB')
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 })

/** "1,234" */
export function formatCount(value: number): string {
  return count.format(value)
}

/** `part` of `whole` as "12.5%"; "—" when there is no whole to divide by. */
export function formatPercent(part: number, whole: number): string {
  return whole > 0 ? percent.format(part / whole) : '—'
}

/**
 * A duration for people: "45 s", "1 min 20 s", "2 h 5 min", "3 d 4 h" (two units at most, the
 * smaller one left out when it is zero). "—" without a value; "under 1 s" below one second.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0)
    return '—'
  if (seconds < 1) return seconds === 0 ? '0 s' : 'under 1 s'
  const total = Math.round(seconds)
  const units: Array<[string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ]
  const first = units.findIndex(([, size]) => total >= size)
  const [bigName, bigSize] = units[first]!
  const big = Math.floor(total / bigSize)
  const next = units[first + 1]
  if (!next) return `${big} ${bigName}`
  const small = Math.floor((total % bigSize) / next[1])
  return small > 0 ? `${big} ${bigName} ${small} ${next[0]}` : `${big} ${bigName}`
}
