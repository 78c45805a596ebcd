import { sha256, safeEqual } from '../../common/auth/tokens.ts'
import type { AppContext } from '../../common/context.ts'
import { runnerTokensOf } from '../launches/launch-adapters.ts'

/** An origin the runner page may be framed by: exactly `scheme://host[:port]`, http(s). */
function exactOrigin(value: string | null): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
      ? value
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The launching origin of the session behind a launch link (recorded at launch), for the runner
 * page's `frame-ancestors`. Only an authentic token whose hash the sandbox session holds counts.
 */
export function runnerEmbedOrigin(ctx: AppContext) {
  const tokens = runnerTokensOf(ctx)
  return async (token: string): Promise<string | undefined> => {
    const claims = tokens.verify('launch', token)
    if (!claims) return undefined
    const row = await ctx.db
      .selectFrom('sessions')
      .select(['launch_origin', 'runner_token_hash', 'target'])
      .where('id', '=', claims.sessionId)
      .executeTakeFirst()
    if (!row || row.target !== 'sandbox' || !row.runner_token_hash) return undefined
    if (!safeEqual(row.runner_token_hash, sha256(token))) return undefined
    return exactOrigin(row.launch_origin)
  }
}
