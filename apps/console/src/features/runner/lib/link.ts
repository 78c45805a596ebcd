import type { RunnerLink } from '../runner.api.ts'

/** The runner link in a page path: `/r/<token>` (launch) or `/r/continue/<token>` (hand-off). */
export function linkOfPath(pathname: string): RunnerLink | null {
  const continued = /^\/r\/continue\/([^/]+)\/?$/.exec(pathname)
  if (continued) return { token: decodeURIComponent(continued[1]!), continuation: true }
  const launched = /^\/r\/([^/]+)\/?$/.exec(pathname)
  if (launched && launched[1] !== 'continue' && launched[1] !== 'return')
    return { token: decodeURIComponent(launched[1]!), continuation: false }
  return null
}
